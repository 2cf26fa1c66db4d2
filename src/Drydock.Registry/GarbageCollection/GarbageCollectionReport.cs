using Drydock.Registry.Storage;

namespace Drydock.Registry.GarbageCollection;

/// <summary>What a garbage collection removed (or would remove, on a dry run) and what it kept.</summary>
public sealed record GarbageCollectionReport(bool DryRun, IReadOnlyList<BlobInfo> Removed, int Referenced, int TooRecent)
{
    public long BytesRemoved => Removed.Sum(b => b.Size);
}
