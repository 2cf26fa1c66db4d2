using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Matching;

/// <summary>The report filters of <c>drydock scan</c>: severities, unfixed, ignore rules (expired rules
/// stop applying), and whether suppressed (not affected) findings are shown.</summary>
public sealed record FindingFilter
{
    /// <summary>Severities to keep; empty keeps all.</summary>
    public IReadOnlySet<Severity> Severities { get; init; } = new HashSet<Severity>();

    /// <summary>Drop findings without a fixed version.</summary>
    public bool IgnoreUnfixed { get; init; }

    /// <summary>Keep findings the vendor states are not affected.</summary>
    public bool ShowSuppressed { get; init; }

    /// <summary>Ignore rules.</summary>
    public IReadOnlyList<IgnoreRule> Ignore { get; init; } = [];

    /// <summary>The findings that remain on <paramref name="today"/>.</summary>
    public IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var active = Ignore.Where(r => r.Expires is null || r.Expires >= today).Select(r => r.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return
        [
            .. findings.Where(f =>
                (ShowSuppressed || f.Status != FindingStatus.NotAffected)
                && (Severities.Count == 0 || Severities.Contains(f.Severity))
                && (!IgnoreUnfixed || f.FixedVersion is not null)
                && !active.Contains(f.VulnerabilityId)
                && !f.Aliases.Any(active.Contains)),
        ];
    }
}
