using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Scanning.Matching;

/// <summary>
/// Matches installed packages against a <see cref="MatchIndex"/> with each ecosystem's rules: Debian and
/// Ubuntu by source package and release (source version compared), Alpine, Wolfi and Chainguard by
/// binary name and origin within the branch, RPM distributions by name within the release and the
/// module stream, language packages by ecosystem and normalised name. Pure and in memory.
/// </summary>
public sealed class PackageMatcher
{
    private readonly EcosystemRegistry _registry;

    /// <summary>Creates the matcher; version schemes come from <paramref name="registry"/>.</summary>
    public PackageMatcher(EcosystemRegistry registry)
    {
        _registry = registry;
    }

    /// <summary>Every statement that applies to the packages, with its outcome. Statements whose range
    /// does not contain the installed version give nothing.</summary>
    public IReadOnlyList<PackageMatch> Match(MatchIndex index, Distribution? distribution, IReadOnlyList<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(packages);
        var distributionKey = DistributionKeys.For(distribution);
        var matches = new List<PackageMatch>();
        var seen = new HashSet<MatchEntry>(ReferenceEqualityComparer.Instance);
        foreach (var package in packages)
        {
            if (!_registry.TryGetSchemeForEcosystem(package.Ecosystem, out var scheme))
            {
                continue;
            }

            seen.Clear();
            var isOs = package.Ecosystem is Ecosystems.Deb or Ecosystems.Apk or Ecosystems.Rpm;
            var distro = isOs ? distributionKey : null;
            if (isOs && distro is null)
            {
                // An OS package without a recognised distribution has no feed to match against.
                continue;
            }

            var installed = package.Ecosystem == Ecosystems.Deb ? package.SourceVersion ?? package.Version : package.Version;
            foreach (var name in LookupNames(package))
            {
                foreach (var entry in index.Find(new MatchKey(package.Ecosystem, distro, name)))
                {
                    if (!seen.Add(entry) || !ModuleApplies(entry.Package.Module, package.Module))
                    {
                        continue;
                    }

                    if (Evaluate(scheme, package, installed, entry) is { } match)
                    {
                        matches.Add(match);
                    }
                }
            }
        }

        return matches;
    }

    private static IEnumerable<string> LookupNames(Package package)
    {
        switch (package.Ecosystem)
        {
            case Ecosystems.Deb:
                // The Debian tracker and Ubuntu tracker speak source packages.
                yield return package.SourceName ?? package.Name;
                break;
            case Ecosystems.Apk or Ecosystems.Rpm:
                yield return package.Name;
                if (package.SourceName is { } origin && origin != package.Name)
                {
                    yield return origin;
                }

                break;
            default:
                yield return PackageNames.Normalize(package.Ecosystem, package.Name);
                break;
        }
    }

    // A statement limited to a module stream ("nodejs:18") applies only to packages from that stream; a
    // statement without one only to packages outside any module.
    private static bool ModuleApplies(string? statementModule, string? packageModule)
    {
        if (statementModule is null)
        {
            return packageModule is null;
        }

        if (packageModule is null)
        {
            return false;
        }

        var parts = packageModule.Split(':');
        return parts.Length >= 2 && statementModule == $"{parts[0]}:{parts[1]}";
    }

    private static PackageMatch? Evaluate(IVersionScheme scheme, Package package, string installed, MatchEntry entry)
    {
        var statement = entry.Package;
        var described = Describe(statement);
        FindingEvidence Evidence(string decision) =>
            new(entry.Source, entry.AdvisoryId, statement.Name, statement.Distribution, described, installed, decision);

        switch (statement.Status)
        {
            case AffectedStatus.NotAffected:
                return new PackageMatch(package, installed, entry, FindingStatus.NotAffected, null,
                    Evidence($"the vendor states not affected{(statement.Note is null ? string.Empty : $" ({statement.Note})")}"), scheme);
            case AffectedStatus.WillNotFix when statement.Ranges.Count == 0 && statement.Versions.Count == 0:
                return new PackageMatch(package, installed, entry, FindingStatus.WillNotFix, null,
                    Evidence($"every version is affected and the vendor will not fix it{(statement.Note is null ? string.Empty : $" ({statement.Note})")}"), scheme);
            case AffectedStatus.Affected or AffectedStatus.Undetermined when statement.Ranges.Count == 0 && statement.Versions.Count == 0:
                return new PackageMatch(package, installed, entry, FindingStatus.Affected, null,
                    Evidence(statement.Status == AffectedStatus.Undetermined
                        ? "the vendor has not decided yet; treated as affected without a fix"
                        : $"every version is affected, no fix yet{(statement.Note is null ? string.Empty : $" ({statement.Note})")}"), scheme);
        }

        if (!AffectedRangeEvaluator.IsAffected(scheme, statement.Ranges, statement.Versions, installed))
        {
            return null;
        }

        var fix = AffectedRangeEvaluator.LowestFixAbove(scheme, statement.Ranges, installed);
        var status = statement.Status == AffectedStatus.WillNotFix ? FindingStatus.WillNotFix : fix is null ? FindingStatus.Affected : FindingStatus.Fixed;
        var decision = fix is null
            ? $"{installed} is in the affected range by {scheme.Name} ordering; no fixed version above it"
            : $"{installed} < {fix} by {scheme.Name} ordering: affected, fixed in {fix}";
        return new PackageMatch(package, installed, entry, status, fix, Evidence(decision), scheme);
    }

    private static string Describe(AffectedPackage statement)
    {
        if (statement.Ranges.Count == 0)
        {
            return statement.Versions.Count > 0 ? $"versions {string.Join(", ", statement.Versions.Take(5))}{(statement.Versions.Count > 5 ? " …" : string.Empty)}" : "all versions";
        }

        return string.Join(" ∪ ", statement.Ranges.Select(r =>
            r.Introduced is null or "0" && r.LastAffected is null && r.Fixed is not null
                ? $"fixed in {r.Fixed}"
                : $"[{r.Introduced ?? "0"}, {(r.Fixed is not null ? r.Fixed + ")" : r.LastAffected is not null ? r.LastAffected + "]" : "∞)")}"));
    }
}
