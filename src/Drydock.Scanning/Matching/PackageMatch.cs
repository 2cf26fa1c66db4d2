using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Abstractions.Versioning;
using Drydock.Scanning.Advisories;

namespace Drydock.Scanning.Matching;

/// <summary>One statement that applies to one installed package, with the comparison's outcome.</summary>
/// <param name="Package">The installed package.</param>
/// <param name="InstalledVersion">The version compared.</param>
/// <param name="Entry">The statement, as the match index holds it.</param>
/// <param name="Status">The outcome for this statement.</param>
/// <param name="FixedVersion">The lowest fix above the installed version, if any.</param>
/// <param name="Decision">The rule that decided.</param>
/// <param name="Scheme">The version scheme that compared.</param>
public sealed record PackageMatch(Package Package, string InstalledVersion, StoredAffected Entry, FindingStatus Status, string? FixedVersion, MatchDecision Decision, IVersionScheme Scheme)
{
    /// <summary>The comparison, explained (as data; the sentence is formatted when a report reads it).</summary>
    public FindingEvidence CreateEvidence() => new(Entry.Source, Entry.AdvisoryId, Entry.Package, InstalledVersion, Decision, FixedVersion, Scheme.Name);
}
