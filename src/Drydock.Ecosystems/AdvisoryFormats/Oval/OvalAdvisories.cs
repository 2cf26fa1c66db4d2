using Drydock.Scanning.Abstractions.Advisories;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.AdvisoryFormats.Oval;

/// <summary>Turns an OVAL definition of an rpm distribution into advisories: one per CVE it names (the
/// vendor's advisory ids kept as aliases), each package "fixed in" the build its alternative requires, per
/// distribution key the alternative's platform tests name.</summary>
internal static class OvalAdvisories
{
    /// <param name="definition">The definition.</param>
    /// <param name="source">The source name recorded on each advisory.</param>
    /// <param name="distributionOf">The distribution key ("ol:8", "sles:15.5") an alternative's platform
    /// tests require; null leaves the alternative out (a platform the source does not match on).</param>
    /// <param name="aliases">The vendor advisory ids of the definition (ELSA-…, SUSE-SU-…).</param>
    public static IEnumerable<Advisory> From(OvalDefinition definition, string source, Func<OvalFix, string?> distributionOf, IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(distributionOf);
        ArgumentNullException.ThrowIfNull(aliases);
        var statements = definition.Fixes
            .Select(f => (Distribution: distributionOf(f), f.Package, Evr: WithoutZeroEpoch(f.Evr)))
            .Where(f => f.Distribution is not null)
            .GroupBy(f => (f.Distribution, f.Package))
            .OrderBy(g => g.Key.Distribution, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Package, StringComparer.Ordinal)
            .Select(g => new AffectedPackage
            {
                Ecosystem = PackageEcosystems.Rpm,
                Distribution = g.Key.Distribution,
                Name = g.Key.Package,
                Ranges = [.. g.Select(f => f.Evr).Distinct(StringComparer.Ordinal).Select(evr => new AffectedRange { Fixed = evr })],
            })
            .ToList();
        var references = definition.References.Select(r => r.Url).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var severity = SeverityNames.Parse(definition.Severity);
        var primary = aliases.Count > 0 ? aliases[0] : definition.Id;
        foreach (var id in definition.Cves.Count == 0 ? [primary] : definition.Cves)
        {
            yield return new Advisory
            {
                Id = id,
                Source = source,
                Aliases = [.. aliases.Where(a => a != id)],
                Summary = definition.Title,
                Description = definition.Description,
                Severity = severity,
                References = references,
                Published = definition.Issued,
                Affected = statements,
            };
        }
    }

    // Vendors write every EVR with its epoch ("0:7.61.1-30.el8_8.3"); rpm prints an installed package's EVR
    // without a zero epoch, and the two compare equal.
    private static string WithoutZeroEpoch(string evr) => evr.StartsWith("0:", StringComparison.Ordinal) ? evr[2..] : evr;
}
