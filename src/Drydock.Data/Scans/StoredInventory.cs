namespace Drydock.Data.Scans;

/// <summary>
/// A successful scan result as a database update or a detector change needs it: the stored inventories (JSON), the
/// detector set they were made with (null before it was recorded) and the finding keys of the last match.
/// </summary>
public sealed record StoredInventory(
    string Repository, string ManifestDigest, string InventoryJson, string SummaryJson, string? DetectorSet, string? FindingKeys);
