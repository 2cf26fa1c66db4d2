using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Abstractions.Versioning;
using Drydock.Scanning.Advisories;

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
    /// <remarks>Hot: a scan compares each package with every statement about its name, so nothing here
    /// allocates per statement; a match allocates only its <see cref="PackageMatch"/>, and the evidence
    /// stays data until a report puts it into words.</remarks>
    public IReadOnlyList<PackageMatch> Match(MatchIndex index, Distribution? distribution, IReadOnlyList<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(packages);
        var distributionKey = DistributionKeys.For(distribution);
        var matches = new List<PackageMatch>();
        foreach (var package in packages)
        {
            if (!_registry.TryGetSchemeForEcosystem(package.Ecosystem, out var scheme))
            {
                continue;
            }

            var isOs = package.Ecosystem is Ecosystems.Deb or Ecosystems.Apk or Ecosystems.Rpm;
            var distro = isOs ? distributionKey : null;
            if (isOs && distro is null)
            {
                // An OS package without a recognised distribution has no feed to match against.
                continue;
            }

            var installed = package.Ecosystem == Ecosystems.Deb ? package.SourceVersion ?? package.Version : package.Version;
            var (name, second) = LookupNames(package);
            MatchStatements(index.Find(new MatchKey(package.Ecosystem, distro, name)), scheme, package, installed, matches);
            if (second is not null)
            {
                MatchStatements(index.Find(new MatchKey(package.Ecosystem, distro, second)), scheme, package, installed, matches);
            }
        }

        return matches;
    }

    /// <summary>
    /// What the index cannot judge in this inventory: each distribution key (OS packages, e.g. "rocky:9") and each
    /// language ecosystem (e.g. "npm") with packages that no loaded source covers, ordered. OS packages of a distribution
    /// that was not recognised are named by their ecosystem ("rpm"). Ecosystems without a version scheme are never
    /// matched and are not listed.
    /// </summary>
    public IReadOnlyList<string> NotCovered(MatchIndex index, Distribution? distribution, IReadOnlyList<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(packages);
        var distributionKey = DistributionKeys.For(distribution);
        var gaps = new SortedSet<string>(StringComparer.Ordinal);
        var checkedKeys = new HashSet<(string, string?)>();
        foreach (var package in packages)
        {
            var isOs = package.Ecosystem is Ecosystems.Deb or Ecosystems.Apk or Ecosystems.Rpm;
            var key = (package.Ecosystem, isOs ? distributionKey : null);
            if (!checkedKeys.Add(key) || !_registry.TryGetSchemeForEcosystem(package.Ecosystem, out _))
            {
                continue;
            }

            if (isOs && distributionKey is null)
            {
                gaps.Add(package.Ecosystem);
            }
            else if (!index.Covers(key.Ecosystem, key.Item2))
            {
                gaps.Add(key.Item2 ?? key.Ecosystem);
            }
        }

        return [.. gaps];
    }

    /// <summary>
    /// Every package name <see cref="Match"/> looks up for <paramref name="packages"/>: what a scan of one image needs
    /// from the database (<see cref="MatchIndex.BuildAsync(IAdvisoryStore, IReadOnlyCollection{string}, CancellationToken)"/>).
    /// </summary>
    public static IReadOnlyCollection<string> NamesToLookUp(IEnumerable<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var (name, second) = LookupNames(package);
            names.Add(name);
            if (second is not null)
            {
                names.Add(second);
            }
        }

        return names;
    }

    // The name (and for apk and rpm the origin) under which the feeds file statements about the package.
    private static (string Name, string? Second) LookupNames(Package package) => package.Ecosystem switch
    {
        // The Debian tracker and Ubuntu tracker speak source packages.
        Ecosystems.Deb => (package.SourceName ?? package.Name, null),

        // By binary name and by origin (source package); a statement sits under one name only, so the two lookups
        // never meet the same statement.
        Ecosystems.Apk or Ecosystems.Rpm => (package.Name, package.SourceName is { } origin && origin != package.Name ? origin : null),
        _ => (PackageNames.Normalize(package.Ecosystem, package.Name), null),
    };

    private static void MatchStatements(ReadOnlySpan<StoredAffected> entries, IVersionScheme scheme, Package package, string installed, List<PackageMatch> matches)
    {
        foreach (var entry in entries)
        {
            if (ModuleApplies(entry.Package.Module, package.Module) && Evaluate(scheme, package, installed, entry) is { } match)
            {
                matches.Add(match);
            }
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

        // "nodejs:18:8090020231211153451:a75119d5" is in stream "nodejs:18".
        var stream = packageModule.AsSpan();
        var first = stream.IndexOf(':');
        if (first < 0)
        {
            return false;
        }

        var second = stream[(first + 1)..].IndexOf(':');
        return stream[..(second < 0 ? stream.Length : first + 1 + second)].SequenceEqual(statementModule);
    }

    private static PackageMatch? Evaluate(IVersionScheme scheme, Package package, string installed, StoredAffected entry)
    {
        var statement = entry.Package;
        var unbounded = statement.Ranges.Count == 0 && statement.Versions.Count == 0;
        switch (statement.Status)
        {
            case AffectedStatus.NotAffected:
                return new PackageMatch(package, installed, entry, FindingStatus.NotAffected, null, MatchDecision.VendorNotAffected, scheme);
            case AffectedStatus.WillNotFix when unbounded:
                return new PackageMatch(package, installed, entry, FindingStatus.WillNotFix, null, MatchDecision.AllVersionsWillNotFix, scheme);
            case AffectedStatus.Undetermined when unbounded:
                return new PackageMatch(package, installed, entry, FindingStatus.Affected, null, MatchDecision.Undetermined, scheme);
            case AffectedStatus.Affected when unbounded:
                return new PackageMatch(package, installed, entry, FindingStatus.Affected, null, MatchDecision.AllVersionsAffected, scheme);
        }

        if (!AffectedRangeEvaluator.IsAffected(scheme, statement.Ranges, statement.Versions, installed))
        {
            return null;
        }

        var fix = AffectedRangeEvaluator.LowestFixAbove(scheme, statement.Ranges, installed);
        var status = statement.Status == AffectedStatus.WillNotFix ? FindingStatus.WillNotFix : fix is null ? FindingStatus.Affected : FindingStatus.Fixed;
        return new PackageMatch(package, installed, entry, status, fix, fix is null ? MatchDecision.InRangeWithoutFix : MatchDecision.BelowFix, scheme);
    }
}
