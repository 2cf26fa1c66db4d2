using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Drydock.Commands;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;
using Drydock.Testing.Schemas;
using Json.Schema;

namespace Drydock.Tests.Commands;

public sealed class ScanCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-scan");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private Task<string> DatabaseAsync() => AlpineSecdbDatabase.CreateAsync(_directory);

    // The real alpine:3.10 root filesystem, with musl's installed version set back to 1.1.20-r0.
    private async Task<string> RootfsWithOldMuslAsync()
    {
        var root = _directory.Combine("rootfs");
        await using var file = File.OpenRead(TestPaths.Shared("images", "alpine-310.tar.gz"));
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var outer = new TarReader(gzip);
        while (await outer.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name.EndsWith("layer.tar", StringComparison.Ordinal))
            {
                using var inner = new TarReader(entry.DataStream!);
                while (await inner.GetNextEntryAsync(copyData: true) is { } e)
                {
                    var name = e.Name.TrimStart('.', '/');
                    if (e.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && (name.StartsWith("etc/", StringComparison.Ordinal) || name == "lib/apk/db/installed"))
                    {
                        var target = Path.Combine(root, name);
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        await e.ExtractToFileAsync(target, overwrite: true);
                    }
                }
            }
        }

        var installed = Path.Combine(root, "lib", "apk", "db", "installed");
        var text = await File.ReadAllTextAsync(installed);
        await File.WriteAllTextAsync(installed, text.Replace("P:musl\nV:1.1.22-r3", "P:musl\nV:1.1.20-r0", StringComparison.Ordinal));
        return root;
    }

    private static async Task<(int ExitCode, string Output)> ScanAsync(string target, string format, string database, int exitCode = 0, string? ignoreFile = null)
    {
        using var output = new StringWriter();
        var code = await ScanCommand.RunAsync(
            new ScanCommand.Settings(target, format, null, false, exitCode, ignoreFile, false, database, null, null, false, null), output, CancellationToken.None);
        return (code, output.ToString());
    }

    [Fact]
    public async Task RunAsync_RealImage_HasNoFindingInTheSnapshot()
    {
        var (code, output) = await ScanAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}", "json", await DatabaseAsync(), exitCode: 3);

        var json = JsonNode.Parse(output)!;
        Assert.Equal(0, code);
        Assert.Equal("alpine", json["distribution"]!["id"]!.GetValue<string>());
        Assert.Equal(14, json["packages"]!.AsArray().Count);
        Assert.Empty(json["findings"]!.AsArray());
        Assert.Equal(1, json["database"]!["revision"]!.GetValue<long>());
    }

    [Fact]
    public async Task RunAsync_OldMusl_ReportsTheSecfixAboveIt()
    {
        // v3.10/main.yaml: musl secfixes 1.1.22-r3 (CVE-2019-14697) and 1.1.15-r4 (CVE-2016-8859); only the
        // first is above 1.1.20-r0.
        var (code, output) = await ScanAsync($"dir:{await RootfsWithOldMuslAsync()}", "json", await DatabaseAsync(), exitCode: 3);

        var finding = Assert.Single(JsonNode.Parse(output)!["findings"]!.AsArray())!;
        Assert.Equal(3, code);
        Assert.Equal("CVE-2019-14697", finding["id"]!.GetValue<string>());
        Assert.Equal("musl", finding["package"]!["name"]!.GetValue<string>());
        Assert.Equal("1.1.22-r3", finding["fixedVersion"]!.GetValue<string>());
        Assert.Equal("alpine-secdb", finding["evidence"]![0]!["feed"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_IgnoreFileWithExpiredAndActiveRules_AppliesOnlyTheActive()
    {
        var rootfs = await RootfsWithOldMuslAsync();
        var database = await DatabaseAsync();
        var expired = _directory.Combine("expired.ignore");
        await File.WriteAllTextAsync(expired, "# accepted until the base image moves\nCVE-2019-14697 exp:2020-01-01 # old\n");
        var active = _directory.Combine("active.ignore");
        await File.WriteAllTextAsync(active, "CVE-2019-14697 exp:2999-01-01 # musl is not reachable\n");

        var (expiredCode, _) = await ScanAsync($"dir:{rootfs}", "json", database, exitCode: 4, ignoreFile: expired);
        var (activeCode, activeOutput) = await ScanAsync($"dir:{rootfs}", "json", database, exitCode: 4, ignoreFile: active);

        Assert.Equal(4, expiredCode);
        Assert.Equal(0, activeCode);
        Assert.Empty(JsonNode.Parse(activeOutput)!["findings"]!.AsArray());
    }

    [Fact]
    public async Task RunAsync_SeverityFilterAndTable_KeepWhatTheTrackerRatesAndGroupBySeverity()
    {
        // A Debian 9 root with the tracker sample's two source packages installed below every stretch fix.
        // debian.json for stretch: prototypejs CVE-2008-7220 fixed 1.6.0.2-1, urgency "high**"; CVE-2007-2383 fixed
        // "0" (never affected); python-scipy CVE-2013-4251 fixed 0.12.0-3, urgency "not yet assigned" (no severity).
        var root = _directory.Combine("debian-root");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(Path.Combine(root, "var", "lib", "dpkg"));
        await File.WriteAllTextAsync(Path.Combine(root, "etc", "os-release"), "ID=debian\nVERSION_ID=\"9\"\nVERSION_CODENAME=stretch\nPRETTY_NAME=\"Debian GNU/Linux 9 (stretch)\"\n");
        await File.WriteAllTextAsync(Path.Combine(root, "var", "lib", "dpkg", "status"), """
            Package: libjs-prototype
            Status: install ok installed
            Architecture: all
            Source: prototypejs
            Version: 1.6.0.1-1

            Package: python-scipy
            Status: install ok installed
            Architecture: amd64
            Version: 0.11.0-1

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var database = _directory.Combine("debian.sqlite");
        var store = new SqliteAdvisoryStore(database, TimeProvider.System);
        var debian = BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == "debian-tracker");
        await using (var json = File.OpenRead(TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json")))
        {
            await store.ReplaceSourceAsync(debian.Name, debian.ParseAsync(json, CancellationToken.None), new Fingerprint("t"), CancellationToken.None);
        }

        async Task<(int Code, string Output)> ScanAsync(string format, string? severity, bool ignoreUnfixed, int? width = null)
        {
            using var output = new StringWriter();
            var code = await ScanCommand.RunAsync(
                new ScanCommand.Settings($"dir:{root}", format, severity, ignoreUnfixed, 5, null, false, database, null, null, false, null, TableWidth: width),
                output,
                CancellationToken.None);
            return (code, output.ToString());
        }

        static string[] Ids(string json) => [.. JsonNode.Parse(json)!["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

        var all = await ScanAsync("json", null, ignoreUnfixed: false);
        var high = await ScanAsync("json", "high", ignoreUnfixed: false);
        var critical = await ScanAsync("json", "critical", ignoreUnfixed: false);
        var fixable = await ScanAsync("json", "high,unknown", ignoreUnfixed: true);
        var table = await ScanAsync("table", null, ignoreUnfixed: false);
        var narrow = await ScanAsync("table", null, ignoreUnfixed: false, width: 60);

        Assert.Equal(5, all.Code);
        Assert.Equal(["CVE-2008-7220", "CVE-2013-4251"], Ids(all.Output));
        Assert.Equal(5, high.Code);
        Assert.Equal(["CVE-2008-7220"], Ids(high.Output));
        Assert.Equal(0, critical.Code);
        Assert.Empty(Ids(critical.Output));
        Assert.Equal(["CVE-2008-7220", "CVE-2013-4251"], Ids(fixable.Output)); // both have a fixed version
        Assert.Equal(5, table.Code);

        // Spectre may colour the titles when the test's environment names a terminal.
        var text = System.Text.RegularExpressions.Regex.Replace(table.Output, "\x1b\\[[0-9;]*m", string.Empty);
        var highAt = text.IndexOf("HIGH (1)", StringComparison.Ordinal);
        var unknownAt = text.IndexOf("UNKNOWN (1)", StringComparison.Ordinal);
        Assert.InRange(highAt, 0, unknownAt - 1);
        Assert.Contains("Total: 2 (HIGH: 1, UNKNOWN: 1), fixable: 2", text, StringComparison.Ordinal);

        // 60 columns, as COLUMNS=60 asks off a terminal: the table fits and no id is cut.
        var narrowText = System.Text.RegularExpressions.Regex.Replace(narrow.Output, "\x1b\\[[0-9;]*m", string.Empty);
        Assert.Contains("CVE-2008-7220", narrowText, StringComparison.Ordinal);
        Assert.Contains("CVE-2013-4251", narrowText, StringComparison.Ordinal);
        Assert.All(narrowText.Split('\n').Where(l => l.Contains('│', StringComparison.Ordinal)), l => Assert.True(l.TrimEnd('\r').Length <= 60, l));
    }

    [Fact]
    public async Task RunAsync_CycloneDx_IsValidWithVulnerabilities()
    {
        var (_, output) = await ScanAsync($"dir:{await RootfsWithOldMuslAsync()}", "cyclonedx", await DatabaseAsync());

        Assert.Empty(SbomSchemas.ValidateCycloneDx(output));
        var vulnerability = JsonNode.Parse(output)!["vulnerabilities"]!.AsArray().Single()!;
        Assert.Equal("CVE-2019-14697", vulnerability["id"]!.GetValue<string>());
        Assert.Equal("exploitable", vulnerability["analysis"]!["state"]!.GetValue<string>());
        Assert.StartsWith("pkg:apk/alpine/musl@1.1.20-r0", vulnerability["affects"]![0]!["ref"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Sarif_IsValidSarif210()
    {
        var (_, output) = await ScanAsync($"dir:{await RootfsWithOldMuslAsync()}", "sarif", await DatabaseAsync());

        // The OASIS schema is written for draft-04, which JsonSchema.Net does not load; its keywords mean
        // the same under draft-07 once "id" is spelled "$id".
        var text = (await File.ReadAllTextAsync(TestPaths.Shared("schemas", "sarif-2.1.0.schema.json")))
            .Replace("http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#", StringComparison.Ordinal)
            .Replace("\"id\": \"https://docs.oasis-open.org", "\"$id\": \"https://docs.oasis-open.org", StringComparison.Ordinal);
        var schema = JsonSchema.FromText(text);
        var result = schema.Evaluate(JsonNode.Parse(output), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal("CVE-2019-14697", JsonNode.Parse(output)!["runs"]![0]!["results"]![0]!["ruleId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_Spdx_IsValidSpdx()
    {
        var (_, output) = await ScanAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}", "spdx", await DatabaseAsync());

        Assert.Empty(SbomSchemas.ValidateSpdx(output));
    }

    [Fact]
    public async Task RunAsync_NoDatabase_SaysHowToGetOne()
    {
        var (code, _) = await ScanAsync($"dir:{_directory.Path}", "json", _directory.Combine("missing.sqlite"));

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task RunAsync_MissingIgnoreFile_UsageErrorNotAStackTrace()
    {
        var database = await DatabaseAsync();

        var (code, _) = await ScanAsync($"dir:{_directory.Path}", "json", database, exitCode: 10, ignoreFile: _directory.Combine("missing.ignore"));

        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task RunAsync_ImageThatCannotBeRead_ErrorCodeNotTheFindingsCode()
    {
        var database = await DatabaseAsync();
        var notAnArchive = _directory.Combine("notes.txt");
        await File.WriteAllTextAsync(notAnArchive, "not an image\n");

        var (code, _) = await ScanAsync($"docker-archive:{notAnArchive}", "json", database, exitCode: 10);

        Assert.Equal(ExitCodes.Error, code);
    }
}
