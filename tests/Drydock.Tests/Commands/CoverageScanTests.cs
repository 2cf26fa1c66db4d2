using System.Text.Json.Nodes;
using Drydock.Commands;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;
using Drydock.Testing.Schemas;

namespace Drydock.Tests.Commands;

/// <summary>
/// What a scan counts and what it says it could not judge, on real data: an npm project installed by real npm
/// (node_modules and the package-lock.json npm wrote), a Rocky Linux 9 root filesystem (its os-release and the
/// Berkeley-DB rpmdb from a Rocky 9 host), and databases loaded from the real GHSA and Alpine secdb files.
/// </summary>
public sealed class CoverageScanTests : IDisposable
{
    private static readonly SemaphoreSlim FixtureGate = new(1, 1);
    private readonly TempDirectory _directory = new("drydock-coverage");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    /// <summary>
    /// lodash 4.17.11 and minimist 1.2.5, both vulnerable in the GHSA snapshot, and mkdirp 0.5.1, under which npm
    /// installs its own minimist 0.0.8 (also vulnerable): one name at two versions in two folders. Installed once with
    /// npm from the npm registry and cached under .cache/languages.
    /// </summary>
    private static async Task<string> NpmProjectAsync()
    {
        var target = Path.Combine(TestPaths.RepositoryRoot, ".cache", "languages", "npm-vulnerable-v1");
        await FixtureGate.WaitAsync();
        try
        {
            if (Directory.Exists(target))
            {
                return target;
            }

            var scratch = $"{target}.tmp-{Guid.NewGuid():N}";
            var app = Path.Combine(scratch, "app");
            Directory.CreateDirectory(app);
            await File.WriteAllTextAsync(
                Path.Combine(app, "package.json"),
                """{"name":"fixture","version":"1.0.0","private":true,"dependencies":{"lodash":"4.17.11","minimist":"1.2.5","mkdirp":"0.5.1"}}""");

            // Bounded: a registry that does not answer fails the test instead of hanging it.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await ExternalTool.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], timeout.Token, workingDirectory: app);
            Directory.Move(scratch, target);
            return target;
        }
        finally
        {
            FixtureGate.Release();
        }
    }

    private async Task<string> DatabaseAsync(string sourceName, params string[] files)
    {
        var path = _directory.Combine($"{sourceName}.sqlite");
        var store = new SqliteAdvisoryStore(path, TimeProvider.System);
        var source = BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == sourceName);
        await store.ReplaceSourceAsync(source.Name, ParseAll(source, files), new Fingerprint("t"), CancellationToken.None);
        return path;
    }

    private Task<string> NpmDatabaseAsync() => DatabaseAsync(
        "osv-npm",
        [.. new[] { "GHSA-35jh-r3h4-6jhm.json", "GHSA-jf85-cpcp-j695.json", "GHSA-p6mc-m468-83gw.json", "GHSA-xvch-5gv4-984h.json" }
            .Select(f => TestPaths.Shared("feeds", "osv", "ghsa", "npm", f))]);

    private Task<string> AlpineOnlyDatabaseAsync() => DatabaseAsync("alpine-secdb", TestPaths.Shared("feeds", "alpine-secdb", "v3.10", "main.yaml"));

    private static async IAsyncEnumerable<Advisory> ParseAll(IAdvisorySource source, string[] files)
    {
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await foreach (var advisory in source.ParseAsync(stream, CancellationToken.None))
            {
                yield return advisory;
            }
        }
    }

    // Rocky Linux 9.3's os-release and the rpmdb syft's authors made on Rocky 9 (one rpm installed).
    private string RockyRootfs()
    {
        var root = _directory.Combine("rocky");
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(Path.Combine(root, "var", "lib", "rpm"));
        File.Copy(TestPaths.Shared("pkgdb", "os-release", "trivy", "rocky"), Path.Combine(root, "etc", "os-release"));
        File.Copy(TestPaths.Shared("pkgdb", "rpm", "syft-bdb-Packages"), Path.Combine(root, "var", "lib", "rpm", "Packages"));
        return root;
    }

    private static async Task<(int ExitCode, string Output)> ScanAsync(string target, string format, string database)
    {
        using var output = new StringWriter();
        var code = await ScanCommand.RunAsync(
            new ScanCommand.Settings(target, format, null, false, 3, null, false, database, null, null, false, null), output, CancellationToken.None);
        return (code, output.ToString());
    }

    [Fact]
    public async Task RunAsync_NpmTreeWithItsLockFile_ListsEachInstalledFolderOnceWithBothFilesAsEvidence()
    {
        var project = await NpmProjectAsync();
        var lockFile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(project, "app", "package-lock.json")))!;

        // The oracle: every folder npm installed, as npm's own lock file lists it.
        var installed = lockFile["packages"]!.AsObject()
            .Where(p => p.Key.Contains("node_modules/", StringComparison.Ordinal))
            .Select(p => $"app/{p.Key}|{p.Value!["version"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var (_, output) = await ScanAsync($"dir:{project}", "json", await NpmDatabaseAsync());

        var packages = JsonNode.Parse(output)!["packages"]!.AsArray().Where(p => p!["ecosystem"]!.GetValue<string>() == "npm").ToList();
        Assert.Equal(installed, packages.Select(p => $"{p!["installPath"]!.GetValue<string>()}|{p["version"]!.GetValue<string>()}").Order(StringComparer.Ordinal));
        Assert.All(packages, p => Assert.Equal(
            [$"{p!["installPath"]!.GetValue<string>()}/package.json", "app/package-lock.json"],
            p!["evidence"]!.AsArray().Select(e => e!.GetValue<string>())));
    }

    [Fact]
    public async Task RunAsync_NpmTreeWithItsLockFile_ReportsEachFindingOncePerInstalledFolder()
    {
        var project = await NpmProjectAsync();

        var (code, output) = await ScanAsync($"dir:{project}", "json", await NpmDatabaseAsync());

        var findings = JsonNode.Parse(output)!["findings"]!.AsArray();
        Assert.Equal(3, code);
        var keys = findings.Select(f => $"{f!["id"]!.GetValue<string>()} {f["package"]!["path"]!.GetValue<string>()}").ToList();
        Assert.Equal(keys.Distinct(StringComparer.Ordinal).Count(), keys.Count);

        // GHSA-xvch-5gv4-984h (minimist < 0.2.4, and 1.0.0 to < 1.2.6): the top-level 1.2.5 and mkdirp's own 0.0.8.
        var minimist = findings
            .Where(f => f!["id"]!.GetValue<string>() == "GHSA-xvch-5gv4-984h" || f["aliases"]!.AsArray().Any(a => a!.GetValue<string>() == "GHSA-xvch-5gv4-984h"))
            .Select(f => f!["package"]!["version"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["0.0.8", "1.2.5"], minimist);
        Assert.Equal("vulnerable", JsonNode.Parse(output)!["summary"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_NpmTreeAsCycloneDx_ValidatesWithEachAffectedComponentOnce()
    {
        var project = await NpmProjectAsync();

        var (_, output) = await ScanAsync($"dir:{project}", "cyclonedx", await NpmDatabaseAsync());

        Assert.Empty(SbomSchemas.ValidateCycloneDx(output));
        var bom = JsonNode.Parse(output)!;
        var components = bom["components"]!.AsArray().Select(c => c!["bom-ref"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var vulnerabilities = bom["vulnerabilities"]!.AsArray();
        Assert.NotEmpty(vulnerabilities);
        foreach (var vulnerability in vulnerabilities)
        {
            var refs = vulnerability!["affects"]!.AsArray().Select(a => a!["ref"]!.GetValue<string>()).ToList();
            Assert.Equal(refs.Distinct(StringComparer.Ordinal).Count(), refs.Count);
            Assert.All(refs, r => Assert.Contains(r, components));
        }
    }

    [Fact]
    public async Task RunAsync_NpmTreeAgainstAlpineOnlyDatabase_SaysNpmWasNotCovered()
    {
        var project = await NpmProjectAsync();

        var (code, output) = await ScanAsync($"dir:{project}", "json", await AlpineOnlyDatabaseAsync());

        var summary = JsonNode.Parse(output)!["summary"]!;
        Assert.Equal(0, code);
        Assert.Equal("incomplete", summary["status"]!.GetValue<string>());
        Assert.Equal(["npm"], summary["notCovered"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task RunAsync_RockyWithoutRockySource_NamesRocky9InEveryFormat()
    {
        var root = RockyRootfs();
        var database = await AlpineOnlyDatabaseAsync();

        var (_, json) = await ScanAsync($"dir:{root}", "json", database);
        var (_, table) = await ScanAsync($"dir:{root}", "table", database);
        var (_, cyclonedx) = await ScanAsync($"dir:{root}", "cyclonedx", database);
        var (_, sarif) = await ScanAsync($"dir:{root}", "sarif", database);

        var report = JsonNode.Parse(json)!;
        Assert.Equal("rocky", report["distribution"]!["id"]!.GetValue<string>());
        Assert.NotEmpty(report["packages"]!.AsArray());
        Assert.Equal("incomplete", report["summary"]!["status"]!.GetValue<string>());
        Assert.Equal(["rocky:9"], report["summary"]!["notCovered"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("Not covered:", table, StringComparison.Ordinal);
        Assert.Contains("rocky:9: no loaded vulnerability source covers it", table, StringComparison.Ordinal);
        Assert.Contains("status: incomplete", table, StringComparison.Ordinal);
        Assert.DoesNotContain("()", table, StringComparison.Ordinal);
        Assert.Empty(SbomSchemas.ValidateCycloneDx(cyclonedx));
        Assert.Contains(
            JsonNode.Parse(cyclonedx)!["metadata"]!["properties"]!.AsArray(),
            p => p!["name"]!.GetValue<string>() == "drydock:scan:not_covered" && p["value"]!.GetValue<string>() == "rocky:9");
        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        Assert.Equal(["rocky:9"], run["properties"]!["notCovered"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.StartsWith("rocky:9:", run["invocations"]![0]!["toolExecutionNotifications"]![0]!["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AlpineWithAlpineSource_IsCleanWithNothingNotCovered()
    {
        var (_, output) = await ScanAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}", "json", await AlpineOnlyDatabaseAsync());

        var summary = JsonNode.Parse(output)!["summary"]!;
        Assert.Equal("clean", summary["status"]!.GetValue<string>());
        Assert.Empty(summary["notCovered"]!.AsArray());
    }
}
