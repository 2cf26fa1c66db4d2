using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Scanning.Indexing;
using Drydock.Server.Integration;

namespace Drydock.Server.Updates;

/// <summary>
/// At start-up, queues a scan of every stored result whose inventory was made with another detector set (another
/// drydock version, a detector added or upgraded): re-matching cannot find packages the old detectors did not see,
/// so those images are indexed again. Results stored before the set was recorded take it from their inventory.
/// </summary>
internal sealed partial class ReindexOnDetectorChange(
    IStoredInventoryStore inventories, IScanStore scans, ScanEvents events, ScanQueueSignal signal, TimeProvider timeProvider, ILogger<ReindexOnDetectorChange> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions InventoryJson = new();

    /// <summary>Completes when the start-up check has run (tests wait on it).</summary>
    public Task Checked => _checked.Task;

    private readonly TaskCompletionSource<int> _checked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var queued = await RequeueAsync(stoppingToken);
            if (queued > 0)
            {
                LogRequeued(logger, queued);
                signal.Notify();
            }

            _checked.TrySetResult(queued);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _checked.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
            _checked.TrySetException(e);
        }
    }

    private async Task<int> RequeueAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        (string, string)? after = null;
        while (true)
        {
            var batch = await inventories.ReadBatchAsync(after, Rematcher.BatchSize, events.DetectorSet, cancellationToken);
            foreach (var stored in batch)
            {
                after = (stored.Repository, stored.ManifestDigest);
                if (stored.DetectorSet is null && RecordedSet(stored.InventoryJson) == events.DetectorSet)
                {
                    await inventories.RecordIndexAsync(stored.Repository, stored.ManifestDigest, events.DetectorSet, stored.FindingKeys, cancellationToken);
                    continue;
                }

                await scans.EnqueueAsync(stored.Repository, stored.ManifestDigest, stored.ManifestDigest, timeProvider.GetUtcNow(), cancellationToken);
                queued++;
            }

            if (batch.Count < Rematcher.BatchSize)
            {
                return queued;
            }
        }
    }

    // Every platform of an index is indexed by the same build, so the first platform's detectors stand for all.
    private static string? RecordedSet(string inventoryJson) =>
        JsonSerializer.Deserialize<List<ImageInventory>>(inventoryJson, InventoryJson) is [var first, ..] ? ScanEvents.DetectorSetOf(first.Detectors) : null;

    [LoggerMessage(4205, LogLevel.Information, "{Count} images were indexed with other detector versions and are queued to be indexed again")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(4206, LogLevel.Warning, "Checking stored inventories for a detector change failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
