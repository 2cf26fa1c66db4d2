namespace Drydock.Data.Scans;

/// <summary>
/// The stored inventories read in key order, a batch at a time, so matching every image again after a database
/// update holds one batch in memory rather than the whole registry.
/// </summary>
public interface IStoredInventoryStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> results with an inventory (successful, or waiting for a database), ordered by repository and digest, after
    /// the given key (null: from the start). With <paramref name="exceptDetectorSet"/>, only results made with another
    /// (or an unrecorded) detector set.
    /// </summary>
    Task<IReadOnlyList<StoredInventory>> ReadBatchAsync(
        (string Repository, string ManifestDigest)? after, int limit, string? exceptDetectorSet, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the summaries and finding keys of results after a new match, in one transaction. Per entry, false
    /// when the result is gone or a scan has replaced it since it was read (that scan's summary is newer).
    /// </summary>
    Task<IReadOnlyList<bool>> UpdateMatchesAsync(IReadOnlyList<StoredMatch> matches, CancellationToken cancellationToken);

    /// <summary>Records what a finished scan was made with and what it found.</summary>
    Task RecordIndexAsync(string repository, string manifestDigest, string? detectorSet, string? findingKeys, CancellationToken cancellationToken);
}
