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
    /// <summary>
    /// The distributions (e.g. "rocky:9") and language ecosystems (e.g. "npm") of the image that no loaded source covers:
    /// what the scan could not judge (<see cref="PackageMatcher.NotCovered"/>). Empty when everything was covered.
    /// </summary>
    public IReadOnlyList<string> NotCovered { get; init; } = [];

    /// <summary>The sentence every output uses for one entry of <see cref="NotCovered"/>.</summary>
    public static string Explain(string gap) =>
        $"{gap}: no loaded vulnerability source covers it, so its packages were not checked; load a source for it (drydock db update) before reading no findings as clean.";

    /// <summary>"vulnerable" when findings remain; else "incomplete" when part of the image was not covered by any
    /// loaded source (absence of findings there means nothing); else "clean".</summary>
    public string Status => Total > 0 ? "vulnerable" : NotCovered.Count > 0 ? "incomplete" : "clean";
}
