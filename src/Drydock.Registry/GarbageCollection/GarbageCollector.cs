using Drydock.Oci;
using Drydock.Registry.Storage;
using Microsoft.Extensions.Logging;

namespace Drydock.Registry.GarbageCollection;

/// <summary>
/// Mark and sweep: every blob that any manifest (tagged or not) references is marked; every other blob older
/// than <see cref="RegistryOptions.GarbageCollectionGracePeriod"/> is removed. The grace period protects
/// blobs of a push in progress, whose manifest is not there yet. Just before a blob's file goes, the store
/// forgets it only if no manifest references it by then, so a manifest pushed during the sweep keeps its blobs.
/// </summary>
public sealed class GarbageCollector(
    IRegistryStore store, IBlobStore blobs, RegistryOptions options, TimeProvider timeProvider, ILogger<GarbageCollector> logger)
{
    public async Task<GarbageCollectionReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
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

            if (!await store.ForgetUnreferencedBlobAsync(blob.Digest, cancellationToken))
            {
                referenced++;
                continue;
            }

            // The blob may have been uploaded again since it was listed: then it is new, and stays.
            if (await blobs.StatAsync(blob.Digest, cancellationToken) is { } current && current.LastModified > cutoff)
            {
                tooRecent++;
                continue;
            }

            await blobs.DeleteAsync(blob.Digest, cancellationToken);
            logger.BlobRemoved(blob.Digest, blob.Size);
            removed.Add(blob);
        }

        var report = new GarbageCollectionReport(dryRun, removed, referenced, tooRecent);
        logger.GarbageCollectionCompleted(removed.Count, report.BytesRemoved, dryRun ? "would be removed" : "removed", referenced + tooRecent);
        return report;
    }
}
