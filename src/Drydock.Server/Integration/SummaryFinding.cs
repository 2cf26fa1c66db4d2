namespace Drydock.Server.Integration;

/// <summary>
/// One finding as a stored summary keeps it: enough to apply an allowlist when a policy decides (counting again without
/// matching) and to find the artifacts a vulnerability affects, without the report's details.
/// </summary>
/// <param name="Id">The vulnerability id.</param>
/// <param name="Aliases">Its other ids (GHSA ↔ CVE, distro advisories).</param>
/// <param name="Severity">The severity name (unknown … critical).</param>
/// <param name="Package">The installed package's name.</param>
/// <param name="InstalledVersion">The installed version that was compared.</param>
/// <param name="FixedVersion">The lowest fixed version, null when there is none.</param>
public sealed record SummaryFinding(string Id, IReadOnlyList<string> Aliases, string Severity, string Package, string InstalledVersion, string? FixedVersion);
