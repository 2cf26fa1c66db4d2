using Drydock.Registry.GarbageCollection;

namespace Drydock.Server.Lifecycle;

/// <summary>Runs garbage collection while serving, one run at a time (a second request waits for the first).</summary>
internal sealed class GarbageCollectionRunner(GarbageCollector collector) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<GarbageCollectionReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            return await collector.RunAsync(dryRun, cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
