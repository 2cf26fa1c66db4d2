using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using YamlDotNet.RepresentationModel;

namespace Drydock.Ecosystems.Npm;

/// <summary>
/// <c>pnpm-lock.yaml</c>, lockfile versions 5.x (<c>/name/1.2.3_peer</c> keys), 6.x
/// (<c>/name@1.2.3(peer)</c>) and 9.x (<c>name@1.2.3</c>, with <c>snapshots</c>). Versions 5 and 6 mark
/// development-only packages with <c>dev: true</c>; version 9 no longer does, so there a package is
/// development-only when no production dependency of any importer reaches it through the snapshots.
/// </summary>
internal sealed class PnpmLockPackageDetector : IPackageDetector
{
    public string Name => "npm-pnpm-lock";

    public int Version => 1;

    public bool IsCandidate(string path) =>
        (path == "pnpm-lock.yaml" || path.EndsWith("/pnpm-lock.yaml", StringComparison.Ordinal))
        && !path.Contains("node_modules/", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(NpmPackages.MaxFileBytes, cancellationToken);
        var yaml = new YamlStream();
        using (var reader = new StringReader(Encoding.UTF8.GetString(bytes)))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException($"{file.Path} is not a YAML mapping.");
        }

        var lockfileVersion = Scalar(root, "lockfileVersion");
        if (lockfileVersion is null || !double.TryParse(lockfileVersion, NumberStyles.Float, CultureInfo.InvariantCulture, out var major))
        {
            throw new InvalidDataException($"{file.Path} has no lockfileVersion.");
        }

        var packages = Child(root, "packages");
        if (packages is null)
        {
            yield break;
        }

        var production = major >= 9 ? ReachableFromProduction(root) : null;
        foreach (var (keyNode, valueNode) in packages.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var entry = valueNode as YamlMappingNode;
            var name = entry is null ? null : Scalar(entry, "name");
            var version = entry is null ? null : Scalar(entry, "version");
            if ((name is null || version is null) && !TryParseKey(key, major, out name, out version))
            {
                context.Warn($"{file.Path}: package key '{key}' is not name and version; skipped.");
                continue;
            }

            var development = production is not null
                ? !production.Contains(StripPeers(key))
                : entry is not null && Scalar(entry, "dev") == "true";
            yield return NpmPackages.Create(name!, version!, file.Path, development);
        }
    }

    private static bool TryParseKey(string key, double major, out string? name, out string? version)
    {
        name = null;
        version = null;
        var plain = StripPeers(key).TrimStart('/');
        if (major < 6)
        {
            // 5.x: "/@scope/name/1.2.3_peer@1.0.0": the last path segment is the version.
            var underscore = plain.IndexOf('_', StringComparison.Ordinal);
            if (underscore > 0)
            {
                plain = plain[..underscore];
            }

            var slash = plain.LastIndexOf('/');
            if (slash <= 0)
            {
                return false;
            }

            name = plain[..slash];
            version = plain[(slash + 1)..];
        }
        else
        {
            var at = plain.LastIndexOf('@');
            if (at <= 0)
            {
                return false;
            }

            name = plain[..at];
            version = plain[(at + 1)..];
        }

        return name.Length > 0 && version.Length > 0 && char.IsAsciiDigit(version[0]);
    }

    private static string StripPeers(string key)
    {
        var paren = key.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? key : key[..paren];
    }

    // Lockfile 9: walk from every importer's dependencies and optionalDependencies through the snapshots.
    private static HashSet<string> ReachableFromProduction(YamlMappingNode root)
    {
        var snapshots = Child(root, "snapshots");
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        if (Child(root, "importers") is { } importers)
        {
            foreach (var importer in importers.Children.Values.OfType<YamlMappingNode>())
            {
                foreach (var section in new[] { "dependencies", "optionalDependencies" })
                {
                    foreach (var (dependency, spec) in Entries(importer, section))
                    {
                        var version = spec is YamlMappingNode map ? Scalar(map, "version") : (spec as YamlScalarNode)?.Value;
                        if (version is not null)
                        {
                            queue.Enqueue($"{((YamlScalarNode)dependency).Value}@{version}");
                        }
                    }
                }
            }
        }

        while (queue.TryDequeue(out var full))
        {
            var key = StripPeers(full);
            if (!reached.Add(key))
            {
                continue;
            }

            if (snapshots is null
                || (!snapshots.Children.TryGetValue(new YamlScalarNode(full), out var node)
                    && !snapshots.Children.TryGetValue(new YamlScalarNode(key), out node))
                || node is not YamlMappingNode snapshot)
            {
                continue;
            }

            foreach (var section in new[] { "dependencies", "optionalDependencies" })
            {
                foreach (var (dependency, versionNode) in Entries(snapshot, section))
                {
                    if (versionNode is YamlScalarNode { Value: { } version })
                    {
                        queue.Enqueue($"{((YamlScalarNode)dependency).Value}@{version}");
                    }
                }
            }
        }

        return reached;
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode node, string key) =>
        Child(node, key)?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    private static YamlMappingNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
