using System.Diagnostics;
using Drydock.Oci;
using Drydock.Registry.Storage;
using Microsoft.Extensions.Logging;

namespace Drydock.Registry.GarbageCollection;

/// <summary>
/// Mark and sweep, safe while the registry serves: every blob that any manifest (tagged or not) references is
/// marked; every other blob older than <see cref="RegistryOptions.GarbageCollectionGracePeriod"/>, and not linked to a
/// repository within it, is removed. The grace period protects blobs of a push in progress, whose manifest is not there
/// yet. Just before a blob's file goes, the store forgets it only if no manifest references it by then (in the same
/// transaction a manifest push checks its blobs in), so a manifest pushed during the sweep keeps its blobs, or fails
/// with MANIFEST_BLOB_UNKNOWN when its blob went first; <see cref="BlobLocks"/> orders the removal against an upload of
/// the same blob.
/// </summary>
public sealed class GarbageCollector(
    IRegistryStore store, IBlobStore blobs, RegistryOptions options, TimeProvider timeProvider, ILogger<GarbageCollector> logger, BlobLocks? locks = null)
{
    private readonly BlobLocks _locks = locks ?? new BlobLocks();

    public async Task<GarbageCollectionReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var marked = new HashSet<Digest>();
        await foreach (var digest in store.EnumerateReferencedBlobsAsync(cancellationToken))
        {
            marked.Add(digest);
        }

        logger.GarbageCollectionStarted(marked.Count);
        var cutoff = timeProvider.GetUtcNow() - options.GarbageCollectionGracePeriod;
        var removed = new List<BlobInfo>();
        var referenced = 0;
        var tooRecent = 0;
        var longestHold = TimeSpan.Zero;
        await foreach (var blob in blobs.EnumerateAsync(cancellationToken))
        {
            if (marked.Contains(blob.Digest))
            {
                referenced++;
                continue;
            }

            if (blob.LastModified > cutoff)
            {
                tooRecent++;
                continue;
            }

            if (dryRun)
            {
                removed.Add(blob);
                continue;
            }

            var held = Stopwatch.StartNew();
            var outcome = await SweepAsync(blob, cutoff, cancellationToken);
            longestHold = TimeSpan.FromTicks(Math.Max(longestHold.Ticks, held.Elapsed.Ticks));
            switch (outcome)
            {
                case SweepOutcome.Referenced:
                    referenced++;
                    break;
                case SweepOutcome.TooRecent:
                    tooRecent++;
                    break;
                default:
                    logger.BlobRemoved(blob.Digest, blob.Size);
                    removed.Add(blob);
                    break;
            }
        }

        var report = new GarbageCollectionReport(dryRun, removed, referenced, tooRecent)
        {
            Elapsed = timeProvider.GetElapsedTime(started),
            LongestWriterBlock = longestHold,
        };
        logger.GarbageCollectionCompleted(removed.Count, report.BytesRemoved, dryRun ? "would be removed" : "removed", referenced + tooRecent);
        return report;
    }

    private async Task<SweepOutcome> SweepAsync(BlobInfo blob, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(blob.Digest, cancellationToken);
        if (!await store.ForgetUnreferencedBlobAsync(blob.Digest, cutoff, cancellationToken))
        {
            return SweepOutcome.Referenced;
        }

        // The blob may have been uploaded again since it was listed: then it is new, and stays.
        if (await blobs.StatAsync(blob.Digest, cancellationToken) is { } current && current.LastModified > cutoff)
        {
            return SweepOutcome.TooRecent;
        }

        await blobs.DeleteAsync(blob.Digest, cancellationToken);
        return SweepOutcome.Removed;
    }

    private enum SweepOutcome
    {
        Removed,
        Referenced,
        TooRecent,
    }
}
