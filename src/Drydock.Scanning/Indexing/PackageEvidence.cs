using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// One package is one (ecosystem, name, version, install path): when an installed tree and a lock file both name it
/// (an npm package in <c>node_modules</c> and in <c>package-lock.json</c>, a Composer package in
/// <c>vendor/composer/installed.json</c> and in <c>composer.lock</c>), it is listed once, with every file that named
/// it as evidence. Without that, counts, policy decisions and report references are doubled.
/// </summary>
/// <remarks>
/// A lock file whose format does not say where its entries are installed (requirements.txt, Pipfile.lock,
/// poetry.lock, Gemfile.lock, Cargo.lock, yarn.lock, packages.lock.json) names a package of the same ecosystem, name
/// and version as an installed copy: it is evidence for that copy, the one installed nearest to the lock file when
/// there are several. A lock entry that nothing installed matches stays a package of its own.
/// </remarks>
internal static class PackageEvidence
{
    /// <summary>The packages with those that name the same installed package merged, in the order of first appearance.</summary>
    public static IReadOnlyList<Package> Merge(IReadOnlyList<Package> packages)
    {
        // Located packages, grouped by where they are installed.
        var groups = new Dictionary<(string Ecosystem, string Name, string Version, string InstallPath), List<Package>>();
        var order = new List<object>(packages.Count);
        foreach (var package in packages)
        {
            if (package.InstallPath is not { } installPath)
            {
                order.Add(package);
                continue;
            }

            var key = (package.Ecosystem, package.Name, package.Version, installPath);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }

            group.Add(package);
        }

        if (groups.Count == 0)
        {
            return [.. packages.Select(p => p with { Evidence = p.FilePath is null ? [] : [p.FilePath] })];
        }

        // Unlocated lock entries join the nearest installed copy of the same ecosystem, name and version.
        var byIdentity = groups.Keys.ToLookup(k => (k.Ecosystem, k.Name, k.Version));
        var unlocated = new HashSet<Package>(ReferenceEqualityComparer.Instance);
        foreach (var item in order)
        {
            if (item is Package package && byIdentity[(package.Ecosystem, package.Name, package.Version)] is var candidates && candidates.Any())
            {
                var nearest = candidates
                    .OrderByDescending(c => SharedSegments(Directory(package.FilePath), c.InstallPath))
                    .ThenBy(c => c.InstallPath, StringComparer.Ordinal)
                    .First();
                groups[nearest].Add(package);
                unlocated.Add(package);
            }
        }

        var merged = new List<Package>(order.Count);
        foreach (var item in order)
        {
            switch (item)
            {
                case Package package when !unlocated.Contains(package):
                    merged.Add(package with { Evidence = package.FilePath is null ? [] : [package.FilePath] });
                    break;
                case ValueTuple<string, string, string, string> key:
                    merged.Add(Combine(key.Item4, groups[key]));
                    break;
            }
        }

        return merged;
    }

    // The member read from nearest the install path speaks for the package (the installed record before a lock file).
    private static Package Combine(string installPath, List<Package> members)
    {
        var primary = members.OrderByDescending(m => SharedSegments(Directory(m.FilePath), installPath)).First();
        var evidence = new List<string>(members.Count);
        if (primary.FilePath is { } first)
        {
            evidence.Add(first);
        }

        evidence.AddRange(members.Select(m => m.FilePath).OfType<string>().Where(p => p != primary.FilePath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return primary with
        {
            SourceName = primary.SourceName ?? members.Select(m => m.SourceName).FirstOrDefault(v => v is not null),
            License = primary.License ?? members.Select(m => m.License).FirstOrDefault(v => v is not null),
            Vendor = primary.Vendor ?? members.Select(m => m.Vendor).FirstOrDefault(v => v is not null),

            // An installed folder cannot tell; a lock file that marks the package development-only can.
            Development = members.Any(m => m.Development),
            Evidence = evidence,
        };
    }

    private static string Directory(string? path)
    {
        if (path is null)
        {
            return string.Empty;
        }

        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    // Leading path segments two paths share: how near a file is to an install location.
    private static int SharedSegments(string a, string b)
    {
        var left = a.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var right = b.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var n = 0;
        while (n < left.Length && n < right.Length && left[n] == right[n])
        {
            n++;
        }

        return n;
    }
}
