using System.Collections.Concurrent;
using Drydock.Data.Lifecycle;

namespace Drydock.Server.Lifecycle;

/// <summary>
/// Counts manifest pulls in memory and writes them to the database every
/// <see cref="LifecycleOptions.PullStatisticsFlushInterval"/> and at shutdown: a pull costs a dictionary update, not a
/// write. A crash loses at most one interval of counts.
/// </summary>
internal sealed partial class PullRecorder(ILifecycleStore store, LifecycleOptions options, TimeProvider timeProvider, ILogger<PullRecorder> logger)
    : BackgroundService
{
    private ConcurrentDictionary<(string Repository, string Digest), Pending> _pending = new();

    public void Record(string repository, string digest)
    {
        var now = timeProvider.GetUtcNow();
        _pending.AddOrUpdate((repository, digest), static (_, at) => new Pending(1, at), static (_, p, at) => new Pending(p.Count + 1, at > p.Last ? at : p.Last), now);
    }

    /// <summary>Counts not yet written, merged into what the database holds by the artifact listing.</summary>
    public IReadOnlyDictionary<string, (long Count, DateTimeOffset Last)> Unflushed(string repository) =>
        _pending.Where(p => p.Key.Repository == repository).ToDictionary(p => p.Key.Digest, p => (p.Value.Count, p.Value.Last), StringComparer.Ordinal);

    /// <summary>Writes the counts gathered so far.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(string Repository, string Digest), Pending>());
        if (batch.IsEmpty)
        {
            return;
        }

        await store.AddPullsAsync(batch.Select(p => new PullStatistic(p.Key.Repository, p.Key.Digest, p.Value.Count, p.Value.Last)).ToList(), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.PullStatisticsFlushInterval, timeProvider, stoppingToken);
                await FlushSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last flush happens below.
        }

        await FlushSafelyAsync(CancellationToken.None);
    }

    private async Task FlushSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(4701, LogLevel.Warning, "Writing pull statistics failed; those counts are lost")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    private readonly record struct Pending(long Count, DateTimeOffset Last);
}
