using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Server.Tests.Integration;

/// <summary>End to end through skopeo: push into the registry, the worker scans from the blob store, the API reports.</summary>
public sealed class ScanWorkerTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await ScanApi.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [ToolFact(Skopeo.Program)]
    public async Task AutoScan_SkopeoPushWithoutDatabase_IndexedAsNoDatabaseWithTheInstalledPackages()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "auto", """{"autoScan": true}""");

        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{_server.Address.Authority}/auto/alpine:3.10", CancellationToken.None);

        var artifact = await ScanApi.WaitForArtifactAsync(_server.Client, "auto/alpine", "3.10");

        // This server has no vulnerability database: indexed, nothing judged, so not a success.
        Assert.Equal("NoDatabase", artifact.GetProperty("status").GetString());
        Assert.Contains("no vulnerability database", artifact.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var platform = artifact.GetProperty("summary").GetProperty("platforms").EnumerateArray().Single();
        Assert.Equal("linux/amd64", platform.GetProperty("platform").GetString());
        Assert.Equal(14, platform.GetProperty("packages").GetInt32());
        Assert.Equal("alpine 3.10.4", platform.GetProperty("distribution").GetString());
        Assert.Equal(ScanApi.ApkInstalledPackages(), await ScanApi.ReportPackagesAsync(_server.Client, "auto/alpine", "3.10"));
        Assert.False(artifact.GetProperty("summary").GetProperty("matched").GetBoolean());
    }

    [ToolFact(Skopeo.Program)]
    public async Task AutoScan_SameBaseLayerInAnotherRepository_LayerReadOnce()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "shared", """{"autoScan": true}""");

        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{_server.Address.Authority}/shared/first:1", CancellationToken.None);
        var first = await ScanApi.WaitForArtifactAsync(_server.Client, "shared/first", "1");
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{_server.Address.Authority}/shared/second:1", CancellationToken.None);
        var second = await ScanApi.WaitForArtifactAsync(_server.Client, "shared/second", "1");

        var firstPlatform = Platform(first);
        var secondPlatform = Platform(second);
        Assert.Equal(1, firstPlatform.GetProperty("layersRead").GetInt32());
        Assert.Equal(0, secondPlatform.GetProperty("layersRead").GetInt32());
        Assert.Equal(1, secondPlatform.GetProperty("cacheHits").GetInt32());
        Assert.Equal(ScanApi.ApkInstalledPackages(), await ScanApi.ReportPackagesAsync(_server.Client, "shared/second", "1"));
    }

    [ToolFact(Skopeo.Program)]
    public async Task PreventVulnerable_PullBeforeScanAndWithoutDatabase_DeniedUntilNamespaceAllowsNotCovered()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "guarded", """{"preventVulnerable": true, "severityThreshold": "high"}""");
        using var target = new TempDirectory("drydock-pull");
        var image = $"docker://{_server.Address.Authority}/guarded/alpine:3.10";
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", image, CancellationToken.None);

        var refused = await Skopeo.RunAsync(["copy", "--src-tls-verify=false", image, $"dir:{target.Combine("before")}"], CancellationToken.None, check: false);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("has not been scanned yet", refused.StandardError, StringComparison.Ordinal);

        using var response = await _server.Client.PostAsync(
            new Uri("/api/v1/scans", UriKind.Relative),
            new StringContent("""{"repository": "guarded/alpine", "reference": "3.10"}""", System.Text.Encoding.UTF8, "application/json"));
        var scan = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("NoDatabase", (await ScanApi.WaitForScanAsync(_server.Client, scan.GetProperty("id").GetString()!)).GetProperty("status").GetString());

        // Indexed without a database is not judged: denied like an unscanned image, until the namespace accepts that.
        var unjudged = await Skopeo.RunAsync(["copy", "--src-tls-verify=false", image, $"dir:{target.Combine("unjudged")}"], CancellationToken.None, check: false);
        Assert.NotEqual(0, unjudged.ExitCode);
        Assert.Contains("was not matched against a vulnerability database", unjudged.StandardError, StringComparison.Ordinal);
        using (var allow = new StringContent("""{"allowNotCovered": true}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await _server.Client.PatchAsync(new Uri("/api/v1/namespaces/guarded", UriKind.Relative), allow)).EnsureSuccessStatusCode();
        }

        await Skopeo.CopyAsync(image, $"dir:{target.Combine("after")}", CancellationToken.None);
        Assert.True(File.Exists(target.Combine("after", "manifest.json")));
    }

    [ToolFact(Skopeo.Program)]
    public async Task AutoScan_MultiPlatformIndex_EachPlatformScannedAndChildPullGovernedByIndex()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "multi", """{"autoScan": true}""");
        using var work = new TempDirectory("drydock-index");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var amd64 = await ImageAsync(layout, "x86_64", new Platform { Os = "linux", Architecture = "amd64" });
        var arm64 = await ImageAsync(layout, "aarch64", new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" });
        var index = await layout.AddIndexAsync([amd64, arm64], CancellationToken.None);
        layout.Tag(index, "multi");

        await Skopeo.CopyAsync($"oci:{layout.Directory}:multi", $"docker://{_server.Address.Authority}/multi/app:1", CancellationToken.None, "--all");

        var artifact = await ScanApi.WaitForArtifactAsync(_server.Client, "multi/app", "1");
        Assert.Equal("NoDatabase", artifact.GetProperty("status").GetString());
        Assert.Equal(index.Digest.ToString(), artifact.GetProperty("digest").GetString());
        var platforms = artifact.GetProperty("summary").GetProperty("platforms").EnumerateArray()
            .ToDictionary(p => p.GetProperty("platform").GetString()!, p => p.GetProperty("manifestDigest").GetString());
        Assert.Equal(amd64.Digest.ToString(), platforms["linux/amd64"]);
        Assert.Equal(arm64.Digest.ToString(), platforms["linux/arm64/v8"]);

        // With the policy on, the platform manifest a client pulls after the index is governed by the index's scan
        // (indexed without a database here, which the namespace accepts).
        using var patch = new StringContent("""{"preventVulnerable": true, "allowNotCovered": true}""", System.Text.Encoding.UTF8, "application/json");
        (await _server.Client.PatchAsync(new Uri("/api/v1/namespaces/multi", UriKind.Relative), patch)).EnsureSuccessStatusCode();
        await Skopeo.CopyAsync($"docker://{_server.Address.Authority}/multi/app@{arm64.Digest}", $"dir:{work.Combine("pulled")}", CancellationToken.None);
        Assert.True(File.Exists(work.Combine("pulled", "manifest.json")));
    }

    private static Task<BuiltManifest> ImageAsync(OciLayoutBuilder layout, string arch, Platform platform) =>
        layout.AddImageAsync(
            [[
                LayerEntry.File("etc/os-release", "ID=alpine\nVERSION_ID=3.10.4\n"),
                LayerEntry.File("lib/apk/db/installed", $"P:musl\nV:1.1.22-r3\nA:{arch}\n\n"),
            ]],
            LayerCompression.Gzip,
            platform,
            CancellationToken.None);

    private static JsonElement Platform(JsonElement artifact) =>
        artifact.GetProperty("summary").GetProperty("platforms").EnumerateArray().Single();
}
