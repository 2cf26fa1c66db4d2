namespace Drydock.Data.Scans;

/// <summary>A manifest of a repository with its tags, its latest result and its newest job, if any.</summary>
public sealed record ArtifactRecord(
    string ManifestDigest,
    string MediaType,
    IReadOnlyList<string> Tags,
    DateTimeOffset PushedAt,
    ScanResultRecord? Result,
    ScanJob? LatestJob);
