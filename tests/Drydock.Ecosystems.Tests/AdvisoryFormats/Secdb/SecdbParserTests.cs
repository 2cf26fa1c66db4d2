using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Drydock.Ecosystems.Alpine;
using Drydock.Ecosystems.Wolfi;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;
using YamlDotNet.RepresentationModel;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Secdb;

public sealed class SecdbParserTests
{
    [Theory]
    [InlineData("v3.10", "main")]
    [InlineData("v3.10", "community")]
    [InlineData("v3.11", "main")]
    [InlineData("v3.11", "community")]
    public async Task ParseAsync_AlpineYaml_GivesOneStatementPerPackageFixAndId(string branch, string repository)
    {
        var path = TestPaths.Shared("feeds", "alpine-secdb", branch, repository + ".yaml");

        var advisories = await ParseFileAsync(new AlpineSecdbSource(), path);

        // The expectation is read from the YAML here, independently of the parser.
        var expected = new List<(string Package, string Fixed, string Id)>();
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await File.ReadAllTextAsync(path)));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode entry in (YamlSequenceNode)root["packages"])
        {
            var pkg = (YamlMappingNode)entry["pkg"];
            if (!pkg.Children.TryGetValue("secfixes", out var fixes))
            {
                continue;
            }

            foreach (var (version, ids) in ((YamlMappingNode)fixes).Children)
            {
                foreach (YamlScalarNode id in (YamlSequenceNode)ids)
                {
                    var first = Regex.Match(id.Value!.Replace("CVE_", "CVE-"), @"CVE-\d{4}-\d+|XSA-\d+");
                    if (first.Success)
                    {
                        expected.Add((((YamlScalarNode)pkg["name"]).Value!, ((YamlScalarNode)version).Value!, first.Value));
                    }
                }
            }
        }

        var actual = advisories.Select(a => (a.Affected[0].Name, a.Affected[0].Ranges.Count == 0 ? "0" : a.Affected[0].Ranges[0].Fixed!, a.Id)).ToList();
        Assert.Equal(expected, actual);
        Assert.All(advisories, a => Assert.Equal("alpine:" + branch[1..], a.Affected[0].Distribution));
        Assert.All(advisories, a => Assert.Equal("apk", a.Affected[0].Ecosystem));
    }

    [Fact]
    public async Task ParseAsync_CombinedIds_KeepsTheOthersAsAliases()
    {
        var advisories = await ParseFileAsync(new AlpineSecdbSource(), TestPaths.Shared("feeds", "alpine-secdb", "v3.10", "main.yaml"));

        var xen = advisories.Single(a => a.Id == "CVE-2018-8897");
        Assert.Equal(["XSA-260"], xen.Aliases);
        Assert.DoesNotContain(advisories, a => a.Id.Contains('?', StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_FixedVersionZero_IsNotAffected()
    {
        const string Json = """{"distroversion":"v3.18","reponame":"main","packages":[{"pkg":{"name":"musl","secfixes":{"0":["CVE-2020-28928"],"1.2.2_pre2-r0":["CVE-2020-28928"]}}}]}""";

        var advisories = await ParseTextAsync(new AlpineSecdbSource(), Json);

        Assert.Equal(AffectedStatus.NotAffected, advisories[0].Affected[0].Status);
        Assert.Empty(advisories[0].Affected[0].Ranges);
        Assert.Equal("1.2.2_pre2-r0", advisories[1].Affected[0].Ranges[0].Fixed);
    }

    [Theory]
    [InlineData("311-main.json", "alpine:3.11")]
    [InlineData("312-main.json", "alpine:3.12")]
    [InlineData("edge-main.json", "alpine:edge")]
    [InlineData("claircore-v3.10-community.json", "alpine:3.10")]
    public async Task ParseAsync_AlpineJson_MatchesTheDocument(string file, string distribution)
    {
        var path = TestPaths.Shared("feeds", "alpine-secdb", "secdb-json", file);

        var advisories = await ParseFileAsync(new AlpineSecdbSource(), path);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var expected = json.RootElement.GetProperty("packages").EnumerateArray()
            .SelectMany(p => p.GetProperty("pkg").TryGetProperty("secfixes", out var f)
                ? f.EnumerateObject().Where(fix => fix.Value.ValueKind == JsonValueKind.Array).SelectMany(fix => fix.Value.EnumerateArray().Select(id => (p.GetProperty("pkg").GetProperty("name").GetString()!, fix.Name, id.GetString()!)))
                : [])
            .ToList();
        Assert.Equal(expected, advisories.Select(a => (a.Affected[0].Name, a.Affected[0].Ranges[0].Fixed!, a.Id)).ToList());
        Assert.All(advisories, a => Assert.Equal(distribution, a.Affected[0].Distribution));
    }

    [Fact]
    public async Task ParseAsync_ZipOfDocuments_ReadsEachDocument()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntryFromFile(TestPaths.Shared("feeds", "alpine-secdb", "secdb-json", "311-main.json"), "secdb.alpinelinux.org/v3.11/main.json");
            archive.CreateEntryFromFile(TestPaths.Shared("feeds", "alpine-secdb", "v3.10", "main.yaml"), "secdb.alpinelinux.org/v3.10/main.yaml");
        }

        zip.Position = 0;
        var advisories = await ToListAsync(new AlpineSecdbSource().ParseAsync(zip, CancellationToken.None));

        Assert.Contains(advisories, a => a.Affected[0].Distribution == "alpine:3.11");
        Assert.Contains(advisories, a => a.Affected[0].Distribution == "alpine:3.10");
    }

    [Fact]
    public async Task ParseAsync_WolfiDocument_HasNoRelease()
    {
        var advisories = await ParseFileAsync(new WolfiSecdbSource(), TestPaths.Shared("feeds", "alpine-secdb", "secdb-json", "311-main.json"));

        Assert.All(advisories, a => Assert.Equal("wolfi", a.Affected[0].Distribution));
    }

    [Fact]
    public async Task ParseAsync_PackageWithoutName_FailsNamingTheRecord()
    {
        const string Json = """{"distroversion":"v3.18","packages":[{"pkg":{"secfixes":{"1.0-r0":["CVE-2020-1"]}}}]}""";

        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ParseTextAsync(new AlpineSecdbSource(), Json));

        Assert.Contains("packages[0]", error.Message, StringComparison.Ordinal);
    }
}
