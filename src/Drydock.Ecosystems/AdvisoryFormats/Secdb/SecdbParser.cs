using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Advisories;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Drydock.Ecosystems.AdvisoryFormats.Secdb;

/// <summary>
/// The secdb format of Alpine, Wolfi and Chainguard: per repository, <c>packages[].pkg.{name,
/// secfixes{fixed-version: [ids]}}</c>, in YAML (the old alpine-secdb repository) or JSON
/// (secdb.alpinelinux.org, packages.wolfi.dev). A fixed version of "0" means the package was never
/// affected. Each (id, package, branch) becomes one advisory with one "fixed in" range.
/// </summary>
internal static partial class SecdbParser
{
    /// <summary>Parses one document or a zip of documents.</summary>
    /// <param name="content">The document.</param>
    /// <param name="source">The source name recorded on each advisory.</param>
    /// <param name="distributionId">"alpine", "wolfi" or "chainguard".</param>
    /// <param name="rolling">True for distributions without releases (Wolfi, Chainguard): the
    /// distribution key is the id alone.</param>
    /// <param name="cancellationToken">Cancels parsing.</param>
    public static async IAsyncEnumerable<Advisory> ParseAsync(
        Stream content, string source, string distributionId, bool rolling, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, document) in FeedDocuments.ReadAsync(content, cancellationToken))
        {
            var parsed = await ReadDocumentAsync(document, source, name, cancellationToken);
            var distribution = rolling ? distributionId : $"{distributionId}:{Release(parsed.DistroVersion, source, name)}";
            foreach (var package in parsed.Packages)
            {
                foreach (var (fixedVersion, ids) in package.Secfixes)
                {
                    foreach (var entry in ids)
                    {
                        var tokens = IdPattern().Matches(entry.Replace("CVE_", "CVE-", StringComparison.Ordinal))
                            .Select(m => m.Value)
                            .Distinct(StringComparer.Ordinal)
                            .ToList();
                        if (tokens.Count == 0)
                        {
                            // Upstream has placeholders such as "CVE-????-?????": nothing to match on.
                            continue;
                        }

                        var neverAffected = fixedVersion == "0";
                        yield return new Advisory
                        {
                            Id = tokens[0],
                            Source = source,
                            Aliases = tokens.Skip(1).ToList(),
                            References = [ReferenceFor(tokens[0])],
                            Affected =
                            [
                                new AffectedPackage
                                {
                                    Ecosystem = PackageEcosystems.Apk,
                                    Distribution = distribution,
                                    Name = package.Name,
                                    Status = neverAffected ? AffectedStatus.NotAffected : AffectedStatus.Affected,
                                    Ranges = neverAffected ? [] : [new AffectedRange { Fixed = fixedVersion }],
                                    Note = neverAffected ? "secfixes lists the fixed version 0: never affected" : null,
                                },
                            ],
                        };
                    }
                }
            }
        }
    }

    /// <summary>"v3.10" → "3.10"; "edge" stays.</summary>
    internal static string Release(string? distroVersion, string source, string document)
    {
        if (string.IsNullOrWhiteSpace(distroVersion))
        {
            throw new MalformedRecordException(source, document.Length == 0 ? "(document)" : document, "the document has no distroversion");
        }

        return distroVersion.StartsWith('v') ? distroVersion[1..] : distroVersion;
    }

    private static string ReferenceFor(string id) => id.StartsWith("CVE-", StringComparison.Ordinal)
        ? $"https://security.alpinelinux.org/vuln/{id}"
        : id.StartsWith("XSA-", StringComparison.Ordinal) ? $"https://xenbits.xen.org/xsa/advisory-{id[4..]}.html" : id;

    private static async Task<SecdbDocument> ReadDocumentAsync(Stream document, string source, string name, CancellationToken cancellationToken)
    {
        var seekable = await FeedDocuments.SeekableAsync(document, cancellationToken);
        var first = -1;
        while ((first = seekable.ReadByte()) is ' ' or '\n' or '\r' or '\t' or 0xEF or 0xBB or 0xBF)
        {
        }

        seekable.Position = 0;
        try
        {
            return first == '{' ? ReadJson(seekable, source) : ReadYaml(seekable, source);
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            throw new MalformedRecordException(source, name.Length == 0 ? "(document)" : name, e.Message, e);
        }
    }

    private static SecdbDocument ReadJson(Stream stream, string source)
    {
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var result = new SecdbDocument(root.TryGetProperty("distroversion", out var dv) ? dv.GetString() : null);
        if (!root.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var index = 0;
        foreach (var item in packages.EnumerateArray())
        {
            index++;
            if (!item.TryGetProperty("pkg", out var pkg) || !pkg.TryGetProperty("name", out var nameElement) || nameElement.GetString() is not { Length: > 0 } name)
            {
                throw new MalformedRecordException(source, $"packages[{index - 1}]", "the entry has no pkg.name");
            }

            var package = new SecdbPackage(name);
            if (pkg.TryGetProperty("secfixes", out var secfixes) && secfixes.ValueKind == JsonValueKind.Object)
            {
                foreach (var fix in secfixes.EnumerateObject())
                {
                    var ids = fix.Value.ValueKind == JsonValueKind.Array
                        ? fix.Value.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
                        : [];
                    package.Secfixes.Add((fix.Name, ids));
                }
            }

            result.Packages.Add(package);
        }

        return result;
    }

    private static SecdbDocument ReadYaml(Stream stream, string source)
    {
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new MalformedRecordException(source, "(document)", "the YAML document is not a mapping");
        }

        var result = new SecdbDocument(Scalar(root, "distroversion"));
        if (!root.Children.TryGetValue(new YamlScalarNode("packages"), out var packagesNode) || packagesNode is not YamlSequenceNode packages)
        {
            return result;
        }

        var index = 0;
        foreach (var item in packages)
        {
            index++;
            if (item is not YamlMappingNode entry
                || !entry.Children.TryGetValue(new YamlScalarNode("pkg"), out var pkgNode)
                || pkgNode is not YamlMappingNode pkg
                || Scalar(pkg, "name") is not { Length: > 0 } name)
            {
                throw new MalformedRecordException(source, $"packages[{index - 1}] (line {item.Start.Line})", "the entry has no pkg.name");
            }

            var package = new SecdbPackage(name);
            if (pkg.Children.TryGetValue(new YamlScalarNode("secfixes"), out var fixesNode) && fixesNode is YamlMappingNode fixes)
            {
                foreach (var (key, value) in fixes.Children)
                {
                    var version = ((YamlScalarNode)key).Value ?? string.Empty;
                    var ids = value is YamlSequenceNode list
                        ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value).OfType<string>().ToList()
                        : [];
                    package.Secfixes.Add((version, ids));
                }
            }

            result.Packages.Add(package);
        }

        return result;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    [GeneratedRegex(@"\b(?:CVE-\d{4}-\d{4,}|XSA-\d+|GHSA(?:-[0-9a-z]{4}){3}|ZBX-\d+|OSV-\d{4}-\d+)\b")]
    private static partial Regex IdPattern();

    private sealed record SecdbDocument(string? DistroVersion)
    {
        public List<SecdbPackage> Packages { get; } = [];
    }

    private sealed record SecdbPackage(string Name)
    {
        public List<(string Version, List<string> Ids)> Secfixes { get; } = [];
    }
}
