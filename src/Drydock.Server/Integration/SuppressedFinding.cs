namespace Drydock.Server.Integration;

/// <summary>A finding an allowlist entry of the namespace accepts: shown as suppressed, not counted.</summary>
/// <param name="Id">The finding's vulnerability id.</param>
/// <param name="Package">The installed package.</param>
/// <param name="Severity">The finding's severity name.</param>
/// <param name="AllowlistedAs">The entry's id (the finding's id or one of its aliases).</param>
/// <param name="Reason">The entry's reason.</param>
/// <param name="AddedBy">Who added the entry.</param>
/// <param name="ExpiresAt">When the entry stops applying; null for never.</param>
public sealed record SuppressedFinding(string Id, string Package, string Severity, string AllowlistedAs, string Reason, string AddedBy, DateTimeOffset? ExpiresAt);
