using System.Text.Json;
using Drydock.Testing;
using Drydock.Testing.Registries;

namespace Drydock.Server.Tests.Integration;

/// <summary>End to end through skopeo: push into the registry, the worker scans from the blob store, the API reports.</summary>
public sealed class ScanWorkerTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await ScanApi.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [ToolFact(Skopeo.Program)]
    public async Task AutoScan_SkopeoPush_ScannedToSuccessWithTheInstalledPackages()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "auto", """{"autoScan": true}""");

        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{_server.Address.Authority}/auto/alpine:3.10", CancellationToken.None);

        var artifact = await ScanApi.WaitForArtifactAsync(_server.Client, "auto/alpine", "3.10");
        Assert.Equal("Success", artifact.GetProperty("status").GetString());
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
    public async Task PreventVulnerable_PullBeforeScan_DeniedThenAllowedAfterScan()
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
        Assert.Equal("Success", (await ScanApi.WaitForScanAsync(_server.Client, scan.GetProperty("id").GetString()!)).GetProperty("status").GetString());

        await Skopeo.CopyAsync(image, $"dir:{target.Combine("after")}", CancellationToken.None);
        Assert.True(File.Exists(target.Combine("after", "manifest.json")));
    }

    private static JsonElement Platform(JsonElement artifact) =>
        artifact.GetProperty("summary").GetProperty("platforms").EnumerateArray().Single();
}
