using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// Stacks layer results the way the container runtime stacks layers: each layer's whiteouts and
/// opaque directories hide what lower layers put there, then its files replace the same paths.
/// A package's layer is the lowest layer from which the same package (ecosystem, name, version,
/// architecture, database file) is present without interruption up to the top.
/// </summary>
internal static class LayerCoalescer
{
    public static CoalescedImage Coalesce(IReadOnlyList<LayerResult> layers)
    {
        var files = new Dictionary<(string Path, string Detector), (int Layer, DetectedFile File)>();
        var releases = new Dictionary<string, ReleaseFile>(StringComparer.Ordinal);
        var links = new Dictionary<string, LayerLink>(StringComparer.Ordinal);
        var streakStart = new Dictionary<PackageKey, int>();

        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            foreach (var directory in layer.OpaqueDirectories)
            {
                Remove(files, releases, links, path => LayerPath.IsUnder(path, directory));
            }

            foreach (var deleted in layer.Whiteouts)
            {
                Remove(files, releases, links, path => LayerPath.IsAtOrUnder(path, deleted));
            }

            // A path written in this layer replaces whatever lower layers had there, whatever it is now.
            var written = layer.Files.Select(f => f.Path)
                .Concat(layer.ReleaseFiles.Select(r => r.Path))
                .Concat(layer.Links.Select(l => l.Path))
                .ToHashSet(StringComparer.Ordinal);
            Remove(files, releases, links, written.Contains);

            foreach (var file in layer.Files)
            {
                files[(file.Path, file.Detector)] = (i, file);
            }

            foreach (var release in layer.ReleaseFiles)
            {
                releases[release.Path] = release;
            }

            foreach (var link in layer.Links)
            {
                links[link.Path] = link;
            }

            var present = new HashSet<PackageKey>();
            foreach (var (_, file) in files.Values)
            {
                foreach (var package in file.Packages)
                {
                    present.Add(PackageKey.Of(package));
                }
            }

            foreach (var key in streakStart.Keys.Where(k => !present.Contains(k)).ToList())
            {
                streakStart.Remove(key);
            }

            foreach (var key in present)
            {
                streakStart.TryAdd(key, i);
            }
        }

        var packages = new List<Package>();
        var seen = new HashSet<PackageKey>();
        foreach (var (_, file) in files.Values.OrderBy(f => f.File.Path, StringComparer.Ordinal).ThenBy(f => f.File.Detector, StringComparer.Ordinal))
        {
            foreach (var package in file.Packages)
            {
                var key = PackageKey.Of(package);
                if (seen.Add(key))
                {
                    packages.Add(package with { LayerDigest = layers[streakStart[key]].LayerDigest });
                }
            }
        }

        return new CoalescedImage(PackageEvidence.Merge(packages), releases, links);
    }

    private static void Remove(
        Dictionary<(string Path, string Detector), (int Layer, DetectedFile File)> files,
        Dictionary<string, ReleaseFile> releases,
        Dictionary<string, LayerLink> links,
        Func<string, bool> hidden)
    {
        foreach (var key in files.Keys.Where(k => hidden(k.Path)).ToList())
        {
            files.Remove(key);
        }

        foreach (var key in releases.Keys.Where(hidden).ToList())
        {
            releases.Remove(key);
        }

        foreach (var key in links.Keys.Where(hidden).ToList())
        {
            links.Remove(key);
        }
    }

    private readonly record struct PackageKey(string Ecosystem, string Name, string Version, string? Architecture, string? FilePath)
    {
        public static PackageKey Of(Package p) => new(p.Ecosystem, p.Name, p.Version, p.Architecture, p.FilePath);
    }
}
