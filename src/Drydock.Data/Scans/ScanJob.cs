namespace Drydock.Data.Scans;

/// <summary>One scan of one manifest as the queue holds it.</summary>
public sealed record ScanJob(
    string Id,
    string Repository,
    string ManifestDigest,
    string Reference,
    ScanStatus Status,
    string? Reason,
    int Attempts,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);
