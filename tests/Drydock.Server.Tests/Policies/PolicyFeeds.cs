using System.IO.Compression;
using System.Text.Json.Nodes;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;
using Drydock.Testing.Oci;
using YamlDotNet.RepresentationModel;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// The advisory database of the policy tests, loaded through the real osv-pypi and nvd parsers from real feed files:
/// GitHub's PyPI advisories (with severities), PyPA's records for requests and setuptools, NVD's CVE records, and for
/// vulnerability details GitHub's Maven advisories, CISA KEV and EPSS. The
/// image adds requests 2.30.0 and setuptools 51.3.3 (the real PKG-INFO of that release) to the real Alpine 3.10 layer.
/// What the scan must find is computed here from the same files with OSV's range rules, not by Drydock's matcher.
/// </summary>
internal static class PolicyFeeds
{
    private static readonly (string Name, string Version, string Path, string Content)[] PythonPackages =
    [
        ("requests", "2.30.0", "usr/lib/python3.7/site-packages/requests-2.30.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\nSummary: Python HTTP for Humans.\n\n"),
        ("setuptools", "51.3.3", "usr/lib/python3.7/site-packages/setuptools-51.3.3-py3.8.egg-info/PKG-INFO",
            File.ReadAllText(TestPaths.Shared("pkgdb", "python", "trivy", "setuptools-51.3.3-py3.8.egg-info.PKG-INFO"))),
    ];

    public static IReadOnlyList<string> OsvFiles { get; } =
    [
        .. Directory.GetFiles(TestPaths.Shared("feeds", "osv", "ghsa", "pypi"), "*.json"),
        .. PythonPackages.SelectMany(p => Directory.GetFiles(TestPaths.Shared("feeds", "osv", "pypi", p.Name), "*.yaml")),
    ];

    public static IReadOnlyList<string> NvdFiles { get; } = Directory.GetFiles(TestPaths.Shared("feeds", "nvd", "records"), "*.json");

    /// <summary>GitHub's Maven advisories: records no fixture image matches, for vulnerability details (log4j is in KEV).</summary>
    public static IReadOnlyList<string> MavenFiles { get; } = Directory.GetFiles(TestPaths.Shared("feeds", "osv", "ghsa", "maven"), "*.json");

    public static string KevFile { get; } = TestPaths.Shared("feeds", "kev-epss", "cisa-kev", "known_exploited_vulnerabilities.json");

    public static string EpssFile { get; } = TestPaths.Shared("feeds", "kev-epss", "claircore", "epss-data.csv");

    /// <summary>The Python layer: one metadata file per package, where pip puts them.</summary>
    public static List<LayerEntry> PythonLayer() => [.. PythonPackages.Select(p => LayerEntry.File(p.Path, p.Content))];

    /// <summary>Writes <c>vulndb.sqlite</c>: each source replaced from a zip of its files, as an update would.</summary>
    public static async Task WriteDatabaseAsync(string path)
    {
        var store = new SqliteAdvisoryStore(path, TimeProvider.System);
        var sources = BuiltInEcosystems.AdvisorySources();
        // alpine-secdb v3.10 covers the images' Alpine 3.10.4 (with no finding there: every package is at or above its
        // secfixes), so the policy judges them instead of denying them as not covered.
        var alpine = (IReadOnlyList<string>)[TestPaths.Shared("feeds", "alpine-secdb", "v3.10", "main.yaml")];
        foreach (var (name, files) in new[] { ("osv-pypi", OsvFiles), ("osv-maven", MavenFiles), ("nvd", NvdFiles), ("cisa-kev", [KevFile]), ("epss", [EpssFile]), ("alpine-secdb", alpine) })
        {
            var source = sources.Single(s => s.Name == name);

            // Record-per-file feeds arrive as a zip, as their exports do; single-document feeds as the document.
            await using Stream content = files.Count == 1 ? File.OpenRead(files[0]) : Zip(files);
            await store.ReplaceSourceAsync(source.Name, source.ParseAsync(content, CancellationToken.None), new Fingerprint("policy-fixture"), CancellationToken.None);
        }
    }

    /// <summary>
    /// The findings the image must have: every OSV record naming an installed package whose ECOSYSTEM range holds the
    /// installed version, merged by CVE alias; severity from the record's own (GitHub's) rating, else NVD's primary CVSS.
    /// </summary>
    public static IReadOnlyList<ExpectedFinding> ExpectedFindings()
    {
        var hits = new List<(string Canonical, HashSet<string> Ids, string Package, string Installed, string? Fixed, string? Severity)>();
        foreach (var file in OsvFiles)
        {
            var record = Read(file);
            var id = (string)record["id"]!;
            var aliases = (record["aliases"] as JsonArray ?? []).Select(a => (string)a!).ToList();
            var canonical = id.StartsWith("CVE-", StringComparison.Ordinal) ? id : aliases.FirstOrDefault(a => a.StartsWith("CVE-", StringComparison.Ordinal)) ?? id;
            foreach (var affected in (record["affected"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var package = PythonPackages.FirstOrDefault(p => string.Equals(p.Name, (string?)affected["package"]?["name"], StringComparison.OrdinalIgnoreCase));
                if (package.Name is null || (string?)affected["package"]?["ecosystem"] != "PyPI")
                {
                    continue;
                }

                foreach (var range in (affected["ranges"] as JsonArray ?? []).OfType<JsonObject>().Where(r => (string?)r["type"] == "ECOSYSTEM"))
                {
                    if (Affects(range, package.Version) is (true, var fix))
                    {
                        hits.Add((canonical, [id, .. aliases], package.Name, package.Version, fix, (string?)record["database_specific"]?["severity"]));
                    }
                }
            }
        }

        return
        [
            .. hits.GroupBy(h => (h.Canonical, h.Package, h.Installed)).Select(g => new ExpectedFinding(
                g.Key.Canonical,
                g.SelectMany(h => h.Ids).ToHashSet(StringComparer.Ordinal),
                g.Key.Package,
                g.Key.Installed,
                g.Select(h => h.Fixed).Where(f => f is not null).MinBy(f => Version(f!)),
                SeverityName(g.Select(h => h.Severity).FirstOrDefault(s => s is not null)) ?? NvdSeverity(g.Key.Canonical) ?? "unknown")),
        ];
    }

    /// <summary>NVD's CVE record for an id, when the fixture has one.</summary>
    public static JsonObject? NvdRecord(string cve) =>
        NvdFiles.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == cve) is { } file ? (JsonObject)JsonNode.Parse(File.ReadAllText(file))! : null;

    // OSV: an ECOSYSTEM range's events, in order, open at "introduced" and close before "fixed" (or after "last_affected").
    private static (bool, string?) Affects(JsonObject range, string installed)
    {
        var version = Version(installed);
        Version? open = null;
        foreach (var e in (range["events"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)e["introduced"] is { } introduced)
            {
                open = Version(introduced);
            }
            else if ((string?)e["fixed"] is { } fixedVersion && open is not null)
            {
                if (version >= open && version < Version(fixedVersion))
                {
                    return (true, fixedVersion);
                }

                open = null;
            }
            else if ((string?)e["last_affected"] is { } last && open is not null)
            {
                if (version >= open && version <= Version(last))
                {
                    return (true, null);
                }

                open = null;
            }
        }

        return (open is not null && version >= open, null);
    }

    // The fixture's PyPI versions are plain dotted numbers ("0", "2.3", "65.5.1").
    private static Version Version(string text) => System.Version.Parse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0");

    private static string? SeverityName(string? ghsa) => ghsa?.ToUpperInvariant() switch
    {
        null => null,
        "MODERATE" => "medium",
        var other => other.ToLowerInvariant(),
    };

    private static string? NvdSeverity(string cve)
    {
        var metrics = NvdRecord(cve)?["metrics"];
        return new[] { "cvssMetricV40", "cvssMetricV31", "cvssMetricV30" }
            .SelectMany(key => (metrics?[key] as JsonArray ?? []).OfType<JsonObject>())
            .Where(m => (string?)m["type"] == "Primary")
            .Select(m => ((string?)m["cvssData"]?["baseSeverity"])?.ToLowerInvariant())
            .FirstOrDefault(s => s is not null);
    }

    private static JsonObject Read(string file)
    {
        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            return (JsonObject)JsonNode.Parse(File.ReadAllText(file))!;
        }

        var yaml = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            yaml.Load(reader);
        }

        return (JsonObject)ToJson(yaml.Documents[0].RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static MemoryStream Zip(IEnumerable<string> files)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        buffer.Position = 0;
        return buffer;
    }
}
