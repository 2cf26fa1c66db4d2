using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using YamlDotNet.RepresentationModel;

namespace Drydock.Ecosystems.Npm;

/// <summary>
/// <c>yarn.lock</c> in both formats: classic (yarn 1, its own indented format with
/// <c>version "1.2.3"</c>) and berry (yarn 2+, YAML with <c>__metadata</c> and
/// <c>resolution: "name@npm:1.2.3"</c>). A yarn.lock does not say which packages are development-only
/// (that needs the package.json beside it), so none is marked.
/// </summary>
internal sealed class YarnLockPackageDetector : IPackageDetector
{
    public string Name => "npm-yarn-lock";

    public int Version => 1;

    public bool IsCandidate(string path) =>
        (path == "yarn.lock" || path.EndsWith("/yarn.lock", StringComparison.Ordinal))
        && !path.Contains("node_modules/", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(NpmPackages.MaxFileBytes, cancellationToken);
        var text = Encoding.UTF8.GetString(bytes);
        var packages = text.Contains("\n__metadata:", StringComparison.Ordinal) || text.StartsWith("__metadata:", StringComparison.Ordinal)
            ? ReadBerry(file.Path, text, context)
            : ReadClassic(file.Path, text, context);
        var seen = new HashSet<(string, string)>();
        foreach (var package in packages)
        {
            if (seen.Add((package.Name, package.Version)))
            {
                yield return package;
            }
        }
    }

    // Classic: an unindented line lists the specifiers ("a@^1", "a@~1.2":), the indented
    // `version "x"` line below it the resolved version.
    private static List<Package> ReadClassic(string path, string text, DetectionContext context)
    {
        var packages = new List<Package>();
        string? name = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] != ' ')
            {
                name = null;
                if (!line.EndsWith(':'))
                {
                    throw new InvalidDataException($"{path} line {lineNumber} is not a yarn.lock entry header.");
                }

                var first = line[..^1].Split(',')[0].Trim().Trim('"');
                name = NameFromSpecifier(first);
                continue;
            }

            if (name is null || !line.StartsWith("  version ", StringComparison.Ordinal))
            {
                continue;
            }

            var version = line["  version ".Length..].Trim().Trim('"');
            if (version.Length == 0)
            {
                context.Warn($"{path}: '{name}' has an empty version; skipped.");
            }
            else
            {
                packages.Add(NpmPackages.Create(name, version, path));
            }

            name = null;
        }

        return packages;
    }

    // Berry: YAML; the resolution says where the package came from. Only npm resolutions are registry
    // packages; workspace:, link:, portal:, file: and patch: entries are not (a patch entry's base
    // npm package is listed by itself).
    private static List<Package> ReadBerry(string path, string text, DetectionContext context)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(text))
        {
            yaml.Load(reader);
        }

        var packages = new List<Package>();
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException($"{path} is not a YAML mapping.");
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (key == "__metadata" || valueNode is not YamlMappingNode entry)
            {
                continue;
            }

            var resolution = Scalar(entry, "resolution");
            var version = Scalar(entry, "version");
            if (resolution is null || version is null)
            {
                context.Warn($"{path}: entry '{key}' has no resolution or version; skipped.");
                continue;
            }

            var (name, source) = NpmPackages.SplitSpecifier(resolution);
            if (source.StartsWith("npm:", StringComparison.Ordinal))
            {
                packages.Add(NpmPackages.Create(name, version, path));
            }
        }

        return packages;
    }

    // "a@^1" → a; an alias "b@npm:a@^1" → a.
    private static string NameFromSpecifier(string specifier)
    {
        var (name, range) = NpmPackages.SplitSpecifier(specifier);
        if (range.StartsWith("npm:", StringComparison.Ordinal) && range.Length > 4 && !char.IsAsciiDigit(range[4]) && range[4] is not ('^' or '~'))
        {
            return NpmPackages.SplitSpecifier(range[4..]).Name;
        }

        return name;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
