using Drydock.Scanning.Abstractions.Model;
using Drydock.Server.Integration;

namespace Drydock.Server.Policies;

/// <summary>
/// A stored summary as a namespace's allowlist makes it: accepted findings move from the counts to
/// <see cref="ScanSummary.Suppressed"/>, and an index is again as bad as its worst platform after that.
/// </summary>
internal static class AllowlistedSummary
{
    private static readonly Severity[] AllSeverities = Enum.GetValues<Severity>();

    /// <summary>The summary with the allowlist applied; the per-finding lists are not part of the result.</summary>
    public static ScanSummary Apply(ScanSummary stored, ActiveAllowlist allowlist)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.Matched || stored.Platforms.Any(p => p.Vulnerabilities is null))
        {
            // Unmatched, or stored before findings were kept with the summary: the counts are what they are.
            return stored with { Platforms = [.. stored.Platforms.Select(p => p with { Vulnerabilities = null })] };
        }

        var platforms = new List<PlatformSummary>();
        (Severity Highest, int Total, Dictionary<string, int> Counts, Dictionary<string, int> Fixable, List<SuppressedFinding> Suppressed)? worst = null;
        foreach (var platform in stored.Platforms)
        {
            var kept = new List<SummaryFinding>();
            var suppressed = new List<SuppressedFinding>();
            foreach (var finding in platform.Vulnerabilities!)
            {
                if (allowlist.Match(finding.Id, finding.Aliases) is { } entry)
                {
                    suppressed.Add(new SuppressedFinding(finding.Id, finding.Package, finding.Severity, entry.VulnerabilityId, entry.Reason, entry.AddedBy, entry.ExpiresAt));
                }
                else
                {
                    kept.Add(finding);
                }
            }

            var highest = kept.Count == 0 ? Severity.Unknown : kept.Max(f => Parse(f.Severity));
            var counts = AllSeverities.ToDictionary(Name, s => kept.Count(f => Parse(f.Severity) == s));
            var fixable = AllSeverities.ToDictionary(Name, s => kept.Count(f => Parse(f.Severity) == s && f.FixedVersion is not null));
            if (worst is null || (highest, kept.Count).CompareTo((worst.Value.Highest, worst.Value.Total)) > 0)
            {
                worst = (highest, kept.Count, counts, fixable, suppressed);
            }

            platforms.Add(platform with { Vulnerabilities = null, Findings = kept.Count, HighestSeverity = Name(highest) });
        }

        if (worst is not { } w)
        {
            return stored with { Platforms = platforms };
        }

        return stored with
        {
            Platforms = platforms,
            HighestSeverity = w.Total == 0 ? null : Name(w.Highest),
            Counts = w.Counts,
            Fixable = w.Fixable,
            Suppressed = w.Suppressed,
        };
    }

    private static Severity Parse(string name) => Enum.TryParse<Severity>(name, ignoreCase: true, out var severity) ? severity : Severity.Unknown;

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
