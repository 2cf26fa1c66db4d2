using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>One vulnerability in one installed package, merged over every feed that speaks of it.</summary>
public sealed record Finding
{
    /// <summary>The vulnerability id: the CVE when one is known, otherwise the feed's id (GHSA, GO, RUSTSEC …).</summary>
    public required string VulnerabilityId { get; init; }

    /// <summary>Every other id of the vulnerability (GHSA ↔ CVE) and the distro advisory ids that mention it.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The installed package.</summary>
    public required Package Package { get; init; }

    /// <summary>The installed version that was compared (the source version for Debian and Ubuntu).</summary>
    public required string InstalledVersion { get; init; }

    /// <summary>The lowest fixed version above the installed one; null when there is none.</summary>
    public string? FixedVersion { get; init; }

    /// <summary>Fixed, affected without a fix, will not fix, or not affected.</summary>
    public FindingStatus Status { get; init; }

    /// <summary>Why there is no fixed version, or why the vendor says not affected, as the feed states it.</summary>
    public string? StatusReason { get; init; }

    /// <summary>
    /// Why a policy accepts this finding (a namespace allowlist entry, with its reason), so that it no longer counts;
    /// null when it counts. Suppressed findings stay in reports, marked, rather than disappearing.
    /// </summary>
    public string? Suppression { get; init; }

    /// <summary>The severity.</summary>
    public Severity Severity { get; init; }

    /// <summary>Who assigned the severity: the vendor feed's source name, or "nvd".</summary>
    public string? SeveritySource { get; init; }

    /// <summary>The CVSS vector and score shown with the finding (the vendor's, else NVD's).</summary>
    public CvssScore? Cvss { get; init; }

    /// <summary>The CISA KEV entry, when the vulnerability is known to be exploited.</summary>
    public KnownExploitation? KnownExploited { get; init; }

    /// <summary>The EPSS score, when known.</summary>
    public ExploitPrediction? Epss { get; init; }

    /// <summary>A one-line title.</summary>
    public string? Title { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The link to the details.</summary>
    public string? Link { get; init; }

    /// <summary>Every reference URL of the merged records.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>CWE ids.</summary>
    public IReadOnlyList<string> Cwes { get; init; } = [];

    /// <summary>The feed statements that decided the finding, each with its comparison.</summary>
    public IReadOnlyList<FindingEvidence> Evidence { get; init; } = [];

    /// <summary>The feeds the finding came from.</summary>
    public IEnumerable<string> Sources => Evidence.Select(e => e.Source).Distinct(StringComparer.Ordinal);
}
