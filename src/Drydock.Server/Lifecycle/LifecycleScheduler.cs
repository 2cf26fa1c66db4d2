using Drydock.Data.Lifecycle;

namespace Drydock.Server.Lifecycle;

/// <summary>
/// Runs retention (every namespace with rules) and then garbage collection on their intervals, when configured. Retention
/// first, so the collection that follows frees the blobs of the tags it removed.
/// </summary>
internal sealed partial class LifecycleScheduler(
    LifecycleOptions options, ILifecycleStore store, RetentionRunner retention, GarbageCollectionRunner collector, TimeProvider timeProvider, ILogger<LifecycleScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        options.RetentionInterval is { } retentionInterval ? EveryAsync(retentionInterval, RetainAllAsync, stoppingToken) : Task.CompletedTask,
        options.GarbageCollectionInterval is { } gcInterval ? EveryAsync(gcInterval, ct => collector.RunAsync(dryRun: false, ct), stoppingToken) : Task.CompletedTask);

    private async Task RetainAllAsync(CancellationToken cancellationToken)
    {
        foreach (var namespaceName in await store.ListNamespacesWithRetentionAsync(cancellationToken))
        {
            await retention.RunAsync(namespaceName, dryRun: false, cancellationToken);
        }
    }

    private async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> run, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, timeProvider, stoppingToken);
                try
                {
                    await run(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRunFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(4703, LogLevel.Warning, "A scheduled retention or garbage collection run failed; the next one runs on schedule")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
