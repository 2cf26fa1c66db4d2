using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>One vulnerability record as one feed states it: a CVE in the Debian tracker, an OSV record,
/// an Alpine secfix entry. Records of several feeds about one vulnerability are merged at match time.</summary>
public sealed record Advisory
{
    /// <summary>The record id in its feed (CVE-2021-44228, GHSA-jfh8-c2jp-5v3q, ALAS2-2023-1234).</summary>
    public required string Id { get; init; }

    /// <summary>The advisory source name that produced the record, e.g. "alpine-secdb".</summary>
    public required string Source { get; init; }

    /// <summary>Other ids of the same vulnerability (CVE ↔ GHSA), and distro advisory ids.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>A one-line summary.</summary>
    public string? Summary { get; init; }

    /// <summary>The longer description.</summary>
    public string? Description { get; init; }

    /// <summary>The severity the feed assigns, if it assigns one.</summary>
    public Severity Severity { get; init; }

    /// <summary>CVSS vectors and scores the feed carries.</summary>
    public IReadOnlyList<CvssScore> Cvss { get; init; } = [];

    /// <summary>Reference URLs; the first is the one a report links to.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>When the record was published, if known.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>When the record last changed, if known.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>When the record was withdrawn; withdrawn records never match.</summary>
    public DateTimeOffset? Withdrawn { get; init; }

    /// <summary>CWE ids.</summary>
    public IReadOnlyList<string> Cwes { get; init; } = [];

    /// <summary>The packages the record is about. Enrichment records (NVD, KEV, EPSS) have none.</summary>
    public IReadOnlyList<AffectedPackage> Affected { get; init; } = [];

    /// <summary>The CISA KEV entry, on records of the KEV source.</summary>
    public KnownExploitation? KnownExploited { get; init; }

    /// <summary>The EPSS score, on records of the EPSS source.</summary>
    public ExploitPrediction? Epss { get; init; }
}
