namespace Drydock.Server.Api.V1;

/// <summary>
/// An allowlist entry as <c>/api/v1/namespaces/{ns}/allowlist</c> returns it; <c>Active</c> says whether it applies now
/// (false once its expiry has passed).
/// </summary>
public sealed record AllowlistEntryResponse(
    string VulnerabilityId,
    string Reason,
    string AddedBy,
    DateTimeOffset AddedAt,
    DateTimeOffset? ExpiresAt,
    bool Active);
