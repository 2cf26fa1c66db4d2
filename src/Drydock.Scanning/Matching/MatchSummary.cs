using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Matching;

/// <summary>The summary of a match: counts per severity over the findings that are not suppressed (not affected, or accepted by a policy).</summary>
/// <param name="Total">Findings that are not suppressed.</param>
/// <param name="Fixable">Of those, findings with a fixed version.</param>
/// <param name="BySeverity">Counts per severity (every severity present, zero included).</param>
/// <param name="FixableBySeverity">Fixable counts per severity.</param>
/// <param name="Highest">The highest severity, Unknown when there are no findings.</param>
/// <param name="Suppressed">Findings suppressed as not affected, or accepted by a policy (<see cref="Abstractions.Advisories.Finding.Suppression"/>).</param>
public sealed record MatchSummary(
    int Total,
    int Fixable,
    IReadOnlyDictionary<Severity, int> BySeverity,
    IReadOnlyDictionary<Severity, int> FixableBySeverity,
    Severity Highest,
    int Suppressed)
{
    /// <summary>"vulnerable" when findings remain, else "clean".</summary>
    public string Status => Total > 0 ? "vulnerable" : "clean";
}
