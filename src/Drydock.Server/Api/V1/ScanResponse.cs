namespace Drydock.Server.Api.V1;

/// <summary>A scan job as <c>/api/v1/scans</c> returns it.</summary>
public sealed record ScanResponse(
    string Id,
    string Repository,
    string Reference,
    string Digest,
    string Status,
    string? Reason,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);
