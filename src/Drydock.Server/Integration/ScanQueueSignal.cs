using System.Threading.Channels;

namespace Drydock.Server.Integration;

/// <summary>Wakes the idle scan worker when this server queues a job, so it need not wait for its next poll.</summary>
public sealed class ScanQueueSignal
{
    // One pending wake-up is enough; further ones are dropped.
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Tells the worker there is work.</summary>
    public void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Waits for a signal or the timeout.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a signal.
        }
    }
}
