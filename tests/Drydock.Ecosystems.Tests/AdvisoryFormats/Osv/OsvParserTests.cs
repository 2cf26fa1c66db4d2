using System.IO.Compression;
using System.Text.Json.Nodes;
using Drydock.Ecosystems.AdvisoryFormats.Osv;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;
using Json.Schema;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Osv;

public sealed class OsvParserTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(TestPaths.Shared("feeds", "osv", "osv-schema", "validation", "schema.json")));

    public static TheoryData<string> JsonRecords()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "go", "rust", "ghsa" })
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.Shared("feeds", "osv", folder), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestPaths.Shared("feeds", "osv"), file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonRecords))]
    public async Task Parse_SchemaValidRecord_KeepsIdAliasesAndWithdrawal(string relativePath)
    {
        var path = TestPaths.Shared("feeds", "osv", relativePath);
        var text = await File.ReadAllTextAsync(path);
        var node = JsonNode.Parse(text)!;
        var validation = Schema.Value.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });

        // GHSA's "purl-type:swift" ecosystem is outside the schema's ecosystem pattern; the parser leaves
        // such entries out. Every other record is valid OSV.
        Assert.Equal(!text.Contains("\"purl-type:", StringComparison.Ordinal), validation.IsValid);

        var advisory = (await ParseFileAsync(new OsvSource("osv-test", "Go"), path)).Single();

        Assert.Equal(node["id"]!.GetValue<string>(), advisory.Id);
        Assert.Equal(node["aliases"]?.AsArray().Select(a => a!.GetValue<string>()) ?? [], advisory.Aliases);
        Assert.Equal(node["withdrawn"] is not null, advisory.Withdrawn is not null);
    }

    [Fact]
    public async Task ParseAsync_GoRecords_WithdrawnCountMatchesTheDataset()
    {
        var files = Directory.GetFiles(TestPaths.Shared("feeds", "osv", "go"), "*.json");
        var withdrawn = 0;
        foreach (var file in files)
        {
            withdrawn += (await ParseFileAsync(new OsvSource("osv-go", "Go"), file)).Count(a => a.Withdrawn is not null);
        }

        // testdata README: "all 17 withdrawn" of the Go selection.
        Assert.Equal(17, withdrawn);
    }

    [Fact]
    public async Task ParseAsync_PyPIYaml_SplitsMultiEventRanges()
    {
        var advisory = (await ParseFileAsync(new OsvSource("osv-pypi", "PyPI"), TestPaths.Shared("feeds", "osv", "pypi", "django", "PYSEC-2024-56.yaml"))).Single();

        var django = advisory.Affected.Single();
        Assert.Equal("pypi", django.Ecosystem);
        Assert.Equal("django", django.Name);
        Assert.Equal(
            [new AffectedRange { Introduced = "4.2", Fixed = "4.2.14" }, new AffectedRange { Introduced = "5.0", Fixed = "5.0.7" }],
            django.Ranges);
        Assert.Contains("4.2.13", django.Versions);
        Assert.Equal(["CVE-2024-38875"], advisory.Aliases);
    }

    [Fact]
    public async Task ParseAsync_EveryPyPIYaml_ParsesAndMatchesTheSchema()
    {
        var withdrawn = 0;
        foreach (var file in Directory.EnumerateFiles(TestPaths.Shared("feeds", "osv", "pypi"), "*.yaml", SearchOption.AllDirectories))
        {
            var advisory = (await ParseFileAsync(new OsvSource("osv-pypi", "PyPI"), file)).Single();
            Assert.Equal(Path.GetFileNameWithoutExtension(file), advisory.Id);
            withdrawn += advisory.Withdrawn is null ? 0 : 1;
        }

        Assert.Equal(10, withdrawn);
    }

    [Fact]
    public async Task ParseAsync_GhsaLog4j_GivesMavenRangeAndCveAlias()
    {
        var advisory = (await ParseFileAsync(new OsvSource("osv-maven", "Maven"), TestPaths.Shared("feeds", "osv", "ghsa", "maven", "GHSA-jfh8-c2jp-5v3q.json"))).Single();

        Assert.Contains("CVE-2021-44228", advisory.Aliases);
        var log4j = advisory.Affected.Where(p => p.Name == "org.apache.logging.log4j:log4j-core").SelectMany(p => p.Ranges).ToList();
        Assert.Contains(log4j, r => r.Introduced == "2.13.0" && r.Fixed == "2.15.0");
        Assert.Equal(Scanning.Abstractions.Model.Severity.Critical, advisory.Severity);
        Assert.Contains(advisory.Cvss, c => c.Version == "3.1" && c.BaseScore == 10.0);
    }

    [Fact]
    public async Task ParseAsync_RockyAndAlpineRecords_MapToDistributions()
    {
        var advisory = (await ParseFileAsync(new OsvSource("osv-test", "Alpine"), TestPaths.Shared("feeds", "osv", "osv-schema", "osv-linter-testdata", "CVE-2018-5407.json"))).Single();

        Assert.Contains(advisory.Affected, p => p.Ecosystem == "apk" && p.Distribution == "alpine:3.3" && p.Name == "openssl");
    }

    [Fact]
    public async Task ParseAsync_RangeWithoutIntroduced_FailsNamingTheRecord()
    {
        const string Json = """{"id":"GHSA-xxxx-yyyy-zzzz","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]}]}""";

        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ParseTextAsync(new OsvSource("osv-npm", "npm"), Json));

        Assert.Contains("GHSA-xxxx-yyyy-zzzz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_AllZipExport_ReadsEveryEntry()
    {
        var files = Directory.GetFiles(TestPaths.Shared("feeds", "osv", "rust"), "*.json");
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                archive.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        zip.Position = 0;
        var advisories = await ToListAsync(new OsvSource("osv-crates-io", "crates.io").ParseAsync(zip, CancellationToken.None));

        Assert.Equal(files.Length, advisories.Count);
        Assert.All(advisories.SelectMany(a => a.Affected), p => Assert.Equal("cargo", p.Ecosystem));
    }
}
