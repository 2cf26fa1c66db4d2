namespace Drydock.Data.Scans;

/// <summary>
/// A successful scan result as a database update or a detector change needs it: the stored inventories (JSON), the
/// detector set they were made with (null before it was recorded), the finding keys of the last match, and when the
/// scan stored it (unix milliseconds: the row's version, so a re-match never overwrites a newer scan's summary).
/// </summary>
public sealed record StoredInventory(
    string Repository, string ManifestDigest, string InventoryJson, string SummaryJson, string? DetectorSet, string? FindingKeys, long ScannedAt);
