using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Server.Updates;

/// <summary>
/// The identity of a finding across matches, "vulnerability-id package installed-version": what a database update
/// compares to tell which findings of an artifact are new. Stored one per line, sorted.
/// </summary>
internal static class FindingKeys
{
    public static string Of(Finding finding) => $"{finding.VulnerabilityId} {finding.Package.Name} {finding.InstalledVersion}";

    /// <summary>The stored form of <paramref name="findings"/>.</summary>
    public static string Join(IEnumerable<Finding> findings) =>
        string.Join('\n', findings.Select(Of).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>The keys of a stored form; empty for null (never matched).</summary>
    public static HashSet<string> Parse(string? stored) =>
        stored is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(stored.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
