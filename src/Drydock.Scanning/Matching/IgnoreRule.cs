namespace Drydock.Scanning.Matching;

/// <summary>One entry of an ignore file: a vulnerability id (or alias), an optional expiry after which
/// it stops applying, and the reason.</summary>
/// <param name="Id">The vulnerability id or alias.</param>
/// <param name="Expires">The last day the rule applies; null for no expiry.</param>
/// <param name="Reason">Why it is ignored.</param>
public sealed record IgnoreRule(string Id, DateOnly? Expires, string? Reason);
