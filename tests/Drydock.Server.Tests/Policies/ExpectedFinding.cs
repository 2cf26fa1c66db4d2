namespace Drydock.Server.Tests.Policies;

/// <summary>A finding the policy fixture's image must have, computed from the feed files.</summary>
internal sealed record ExpectedFinding(string Id, IReadOnlySet<string> Ids, string Package, string InstalledVersion, string? FixedVersion, string Severity);
