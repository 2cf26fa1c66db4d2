using Drydock.Registry.Storage;

namespace Drydock.Registry.GarbageCollection;

/// <summary>What a garbage collection removed (or would remove, on a dry run) and what it kept.</summary>
public sealed record GarbageCollectionReport(bool DryRun, IReadOnlyList<BlobInfo> Removed, int Referenced, int TooRecent)
{
    public long BytesRemoved => Removed.Sum(b => b.Size);

    /// <summary>How long the whole run took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The longest time one removal held a blob's lock (what an upload of that blob waited at most).</summary>
    public TimeSpan LongestWriterBlock { get; init; }
}
