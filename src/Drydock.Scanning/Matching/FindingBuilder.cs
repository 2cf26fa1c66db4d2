using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Advisories;

namespace Drydock.Scanning.Matching;

/// <summary>
/// Turns statement matches into findings: one per vulnerability and package, records merged over their
/// aliases (GHSA ↔ CVE) with distro advisory ids kept as aliases; the lowest fix; severity from the
/// matched vendor feed when it assigns one, else from NVD's CVSS; CVSS, KEV and EPSS attached.
/// </summary>
public static class FindingBuilder
{
    /// <summary>The enrichment source names whose records are attached by vulnerability id.</summary>
    public const string NvdSource = "nvd";

    /// <summary>The CISA KEV source name.</summary>
    public const string KevSource = "cisa-kev";

    /// <summary>The EPSS source name.</summary>
    public const string EpssSource = "epss";

    /// <summary>Builds findings, reading record details and enrichment from the store.</summary>
    public static async Task<IReadOnlyList<Finding>> BuildAsync(IReadOnlyList<PackageMatch> matches, IAdvisoryStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(store);
        var records = await store.GetAdvisoriesAsync([.. matches.Select(m => m.Entry.AdvisoryKey).Distinct()], cancellationToken);
        string CanonicalId(PackageMatch m)
        {
            var record = records.GetValueOrDefault(m.Entry.AdvisoryKey);
            if (m.Entry.AdvisoryId.StartsWith("CVE-", StringComparison.Ordinal) || record is null)
            {
                return m.Entry.AdvisoryId;
            }

            return record.Aliases.FirstOrDefault(a => a.StartsWith("CVE-", StringComparison.Ordinal)) ?? m.Entry.AdvisoryId;
        }

        var groups = matches
            .GroupBy(m => (Id: CanonicalId(m), m.Package))
            .ToList();
        var enrichment = (await store.GetByIdsAsync([.. groups.Select(g => g.Key.Id).Distinct(StringComparer.Ordinal)], cancellationToken))
            .Where(a => a.Source is NvdSource or KevSource or EpssSource)
            .GroupBy(a => a.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var findings = new List<Finding>(groups.Count);
        foreach (var group in groups)
        {
            findings.Add(Build(group.Key.Id, group.Key.Package, [.. group], records, enrichment.GetValueOrDefault(group.Key.Id) ?? []));
        }

        return
        [
            .. findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.VulnerabilityId, StringComparer.Ordinal)
                .ThenBy(f => f.Package.Name, StringComparer.Ordinal),
        ];
    }

    private static Finding Build(string id, Package package, List<PackageMatch> matches, IReadOnlyDictionary<long, Advisory> records, List<Advisory> enrichment)
    {
        var affecting = matches.Where(m => m.Status is FindingStatus.Fixed or FindingStatus.Affected).ToList();
        var deciding = affecting.Count > 0 ? affecting
            : matches.Where(m => m.Status == FindingStatus.WillNotFix).ToList() is { Count: > 0 } wontFix ? wontFix
            : matches;
        // The lowest fix among the statements that say "affected", by the package's own version ordering.
        string? fixedVersion = null;
        foreach (var m in affecting.Where(m => m.FixedVersion is not null))
        {
            if (fixedVersion is null || m.Scheme.Compare(m.FixedVersion, fixedVersion) < 0)
            {
                fixedVersion = m.FixedVersion;
            }
        }

        var status = affecting.Count > 0 ? (fixedVersion is null ? FindingStatus.Affected : FindingStatus.Fixed) : deciding[0].Status;
        var matchedRecords = matches.Select(m => records.GetValueOrDefault(m.Entry.AdvisoryKey)).OfType<Advisory>().ToList();
        var nvd = enrichment.FirstOrDefault(a => a.Source == NvdSource);

        // Vendor severity: the statement's own (Debian urgency, Ubuntu priority) or its record's (GHSA, Red Hat).
        var vendor = deciding
            .Select(m => (Severity: m.Entry.Package.Severity ?? records.GetValueOrDefault(m.Entry.AdvisoryKey)?.Severity ?? Severity.Unknown, m.Entry.Source))
            .Where(v => v.Severity != Severity.Unknown)
            .OrderByDescending(v => v.Severity)
            .FirstOrDefault();
        var (severity, severitySource) = vendor.Severity != Severity.Unknown
            ? (vendor.Severity, vendor.Source)
            : nvd is not null && nvd.Severity != Severity.Unknown ? (nvd.Severity, NvdSource) : (Severity.Unknown, (string?)null);
        var cvss = matchedRecords.SelectMany(r => r.Cvss).FirstOrDefault(c => double.IsFinite(c.BaseScore))
            ?? nvd?.Cvss.FirstOrDefault(c => c.Version != "2.0")
            ?? (nvd is { Cvss.Count: > 0 } ? nvd.Cvss[0] : null);

        var aliases = matchedRecords
            .SelectMany(r => r.Aliases.Prepend(r.Id))
            .Where(a => a != id)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var references = matchedRecords.SelectMany(r => r.References).Concat(nvd?.References ?? []).Distinct(StringComparer.Ordinal).ToList();
        var reason = status switch
        {
            FindingStatus.Affected => deciding.Select(m => m.Entry.Package.Note).FirstOrDefault(n => n is not null) ?? "no fixed version is available yet",
            FindingStatus.WillNotFix => deciding.Select(m => m.Entry.Package.Note).FirstOrDefault(n => n is not null) ?? "the vendor will not fix this in this release",
            FindingStatus.NotAffected => deciding.Select(m => m.Entry.Package.Note).FirstOrDefault(n => n is not null) ?? "the vendor states the package is not affected",
            _ => null,
        };

        return new Finding
        {
            VulnerabilityId = id,
            Aliases = aliases,
            Package = package,
            InstalledVersion = matches[0].InstalledVersion,
            FixedVersion = fixedVersion,
            Status = status,
            StatusReason = reason,
            Severity = severity,
            SeveritySource = severitySource,
            Cvss = cvss,
            KnownExploited = enrichment.FirstOrDefault(a => a.Source == KevSource)?.KnownExploited,
            Epss = enrichment.FirstOrDefault(a => a.Source == EpssSource)?.Epss,
            Title = matchedRecords.Select(r => r.Summary).FirstOrDefault(s => !string.IsNullOrEmpty(s)),
            Description = matchedRecords.Select(r => r.Description).FirstOrDefault(s => !string.IsNullOrEmpty(s)) ?? nvd?.Description,
            Link = references.FirstOrDefault(),
            References = references,
            Cwes = [.. matchedRecords.SelectMany(r => r.Cwes).Concat(nvd?.Cwes ?? []).Distinct(StringComparer.Ordinal)],
            Evidence = [.. matches.Select(m => m.CreateEvidence())],
        };
    }

    /// <summary>The summary of <paramref name="findings"/>.</summary>
    public static MatchSummary Summarize(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var shown = findings.Where(f => f.Status != FindingStatus.NotAffected && f.Suppression is null).ToList();
        var bySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => shown.Count(f => f.Severity == s));
        var fixable = Enum.GetValues<Severity>().ToDictionary(s => s, s => shown.Count(f => f.Severity == s && f.FixedVersion is not null));
        return new MatchSummary(
            shown.Count,
            shown.Count(f => f.FixedVersion is not null),
            bySeverity,
            fixable,
            shown.Count == 0 ? Severity.Unknown : shown.Max(f => f.Severity),
            findings.Count - shown.Count);
    }
}
