using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Scanning.Matching;

/// <summary>One statement that applies to one installed package, with the comparison's outcome.</summary>
/// <param name="Package">The installed package.</param>
/// <param name="InstalledVersion">The version compared.</param>
/// <param name="Entry">The statement.</param>
/// <param name="Status">The outcome for this statement.</param>
/// <param name="FixedVersion">The lowest fix above the installed version, if any.</param>
/// <param name="Evidence">The comparison, explained.</param>
/// <param name="Scheme">The version scheme that compared.</param>
public sealed record PackageMatch(Package Package, string InstalledVersion, MatchEntry Entry, FindingStatus Status, string? FixedVersion, FindingEvidence Evidence, IVersionScheme Scheme);
