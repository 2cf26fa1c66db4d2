using Drydock.Server.Integration;

namespace Drydock.Server.Api.V1;

/// <summary>One manifest of a repository with its tags and scan summary, as <c>/api/v1/artifacts</c> returns it.</summary>
public sealed record ArtifactResponse(
    string Digest,
    string MediaType,
    IReadOnlyList<string> Tags,
    DateTimeOffset PushedAt,
    string Status,
    string? Reason,
    string? ScanId,
    DateTimeOffset? ScannedAt,
    ScanSummary? Summary,
    long PullCount,
    DateTimeOffset? LastPulledAt);
