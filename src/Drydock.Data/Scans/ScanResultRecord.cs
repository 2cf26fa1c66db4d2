namespace Drydock.Data.Scans;

/// <summary>The latest outcome of scanning one manifest: its status, summary JSON and inventory JSON.</summary>
public sealed record ScanResultRecord(
    string Repository,
    string ManifestDigest,
    ScanStatus Status,
    string? Reason,
    string SummaryJson,
    string? InventoryJson,
    DateTimeOffset ScannedAt);
