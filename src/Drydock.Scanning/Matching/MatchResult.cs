using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;

namespace Drydock.Scanning.Matching;

/// <summary>The findings of one inventory, with their summary and the database they came from.</summary>
/// <param name="Findings">Every finding, suppressed ones included (status NotAffected), ordered by severity then id.</param>
/// <param name="Summary">Counts over the findings that are not suppressed.</param>
/// <param name="DatabaseVersion">The advisory database version matched against.</param>
public sealed record MatchResult(IReadOnlyList<Finding> Findings, MatchSummary Summary, DatabaseVersion? DatabaseVersion);
