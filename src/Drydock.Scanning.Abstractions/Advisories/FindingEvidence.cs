namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>
/// Why a finding exists: one feed statement and the comparison that decided it. Matching keeps it as data
/// (the statement, the rule that decided, the versions); <see cref="Statement"/> and <see cref="Decision"/>
/// are put into words the first time a report reads them, because a scan matches far more statements than
/// any report shows and formatting each one was most of the matcher's allocation.
/// </summary>
public sealed class FindingEvidence
{
    private readonly AffectedPackage? _statement;
    private readonly MatchDecision _decision;
    private readonly string? _fixedVersion;
    private readonly string? _schemeName;
    private string? _statementText;
    private string? _decisionText;

    /// <summary>Evidence as data: the sentence is formatted when it is first read.</summary>
    /// <param name="source">The advisory source (feed) name.</param>
    /// <param name="recordId">The record id in that feed.</param>
    /// <param name="statement">The feed's statement about the package.</param>
    /// <param name="installedVersion">The version that was compared.</param>
    /// <param name="decision">The rule that decided.</param>
    /// <param name="fixedVersion">The fixed version above the installed one, for <see cref="MatchDecision.BelowFix"/>.</param>
    /// <param name="schemeName">The version scheme that compared (apk, deb, rpm …).</param>
    public FindingEvidence(string source, string recordId, AffectedPackage statement, string installedVersion, MatchDecision decision, string? fixedVersion, string schemeName)
    {
        ArgumentNullException.ThrowIfNull(statement);
        Source = source;
        RecordId = recordId;
        Package = statement.Name;
        Distribution = statement.Distribution;
        InstalledVersion = installedVersion;
        _statement = statement;
        _decision = decision;
        _fixedVersion = fixedVersion;
        _schemeName = schemeName;
    }

    /// <summary>Evidence already in words.</summary>
    /// <param name="source">The advisory source (feed) name.</param>
    /// <param name="recordId">The record id in that feed.</param>
    /// <param name="package">The package name the statement is about.</param>
    /// <param name="distribution">The distribution key of the statement; null for language packages.</param>
    /// <param name="statement">The range or fixed version as the feed states it.</param>
    /// <param name="installedVersion">The version that was compared.</param>
    /// <param name="decision">The comparison that decided it.</param>
    public FindingEvidence(string source, string recordId, string package, string? distribution, string statement, string installedVersion, string decision)
    {
        Source = source;
        RecordId = recordId;
        Package = package;
        Distribution = distribution;
        InstalledVersion = installedVersion;
        _statementText = statement;
        _decisionText = decision;
    }

    /// <summary>The advisory source (feed) name.</summary>
    public string Source { get; }

    /// <summary>The record id in that feed.</summary>
    public string RecordId { get; }

    /// <summary>The package name the statement is about (a source package for Debian).</summary>
    public string Package { get; }

    /// <summary>The distribution key of the statement, e.g. "debian:12"; null for language packages.</summary>
    public string? Distribution { get; }

    /// <summary>The range or fixed version as the feed states it, e.g. "fixed in 1.1.1d-r0" or "[2.13.0, 2.15.0)".</summary>
    public string Statement => _statementText ??= Describe(_statement!);

    /// <summary>The version that was compared.</summary>
    public string InstalledVersion { get; }

    /// <summary>The comparison that decided it, e.g. "1.1.1c-r0 &lt; 1.1.1d-r0 by apk ordering: affected, fixed in 1.1.1d-r0".</summary>
    public string Decision => _decisionText ??= Explain();

    private string Explain()
    {
        var note = _statement!.Note is null ? string.Empty : $" ({_statement.Note})";
        return _decision switch
        {
            MatchDecision.VendorNotAffected => $"the vendor states not affected{note}",
            MatchDecision.AllVersionsWillNotFix => $"every version is affected and the vendor will not fix it{note}",
            MatchDecision.Undetermined => "the vendor has not decided yet; treated as affected without a fix",
            MatchDecision.AllVersionsAffected => $"every version is affected, no fix yet{note}",
            MatchDecision.InRangeWithoutFix => $"{InstalledVersion} is in the affected range by {_schemeName} ordering; no fixed version above it",
            MatchDecision.BelowFix => $"{InstalledVersion} < {_fixedVersion} by {_schemeName} ordering: affected, fixed in {_fixedVersion}",
            _ => _decision.ToString(),
        };
    }

    private static string Describe(AffectedPackage statement)
    {
        if (statement.Ranges.Count == 0)
        {
            return statement.Versions.Count > 0
                ? $"versions {string.Join(", ", statement.Versions.Take(5))}{(statement.Versions.Count > 5 ? " …" : string.Empty)}"
                : "all versions";
        }

        return string.Join(" ∪ ", statement.Ranges.Select(r =>
            r.Introduced is null or "0" && r.LastAffected is null && r.Fixed is not null
                ? $"fixed in {r.Fixed}"
                : $"[{r.Introduced ?? "0"}, {(r.Fixed is not null ? r.Fixed + ")" : r.LastAffected is not null ? r.LastAffected + "]" : "∞)")}"));
    }
}
