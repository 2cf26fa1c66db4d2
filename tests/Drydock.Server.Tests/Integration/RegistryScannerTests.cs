using System.Formats.Tar;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;
using Drydock.Testing.Schemas;

namespace Drydock.Server.Tests.Integration;

/// <summary>
/// Scans matched against an advisory database in the data directory: the fixture database is loaded from the real
/// alpine-secdb v3.10 main.yaml, the image is the real Alpine 3.10.4 package database with musl set back to 1.1.20-r0.
/// </summary>
public sealed class RegistryScannerTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await ScanApi.StartWithAlpineDatabaseAsync("drydock-scan-matched");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [ToolFact(Skopeo.Program)]
    public async Task AutoScan_OldMusl_SummaryAndReportNameTheSecfixAboveIt()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "matched", """{"autoScan": true}""");
        using var work = new TempDirectory("drydock-old-musl");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var image = await layout.AddImageAsync([ScanApi.AlpineFilesWithOldMusl()], LayerCompression.Gzip, new Platform { Os = "linux", Architecture = "amd64" }, CancellationToken.None);
        layout.Tag(image, "old");

        await Skopeo.CopyAsync($"oci:{layout.Directory}:old", $"docker://{_server.Address.Authority}/matched/alpine:old", CancellationToken.None);

        // v3.10/main.yaml lists musl secfixes 1.1.22-r3 (CVE-2019-14697) and 1.1.15-r4 (CVE-2016-8859); only the
        // first is above 1.1.20-r0, and every other package of the image is at or above its secfixes.
        var artifact = await ScanApi.WaitForArtifactAsync(_server.Client, "matched/alpine", "old");
        Assert.Equal("Success", artifact.GetProperty("status").GetString());
        var summary = artifact.GetProperty("summary");
        Assert.True(summary.GetProperty("matched").GetBoolean());
        Assert.Equal(1, summary.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.Equal(1, summary.GetProperty("fixable").EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.StartsWith("r1 ", summary.GetProperty("databaseVersion").GetString(), StringComparison.Ordinal);
        Assert.NotNull(summary.GetProperty("highestSeverity").GetString());

        var report = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?repository=matched/alpine&reference=old&format=json");
        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray());
        Assert.Equal("CVE-2019-14697", finding.GetProperty("id").GetString());
        Assert.Equal("musl", finding.GetProperty("package").GetProperty("name").GetString());
        Assert.Equal("1.1.22-r3", finding.GetProperty("fixedVersion").GetString());
        using var sarif = await _server.Client.GetAsync(new Uri("/api/v1/reports?repository=matched/alpine&reference=old&format=sarif", UriKind.Relative));
        var sarifText = await sarif.Content.ReadAsStringAsync();
        Assert.Contains("CVE-2019-14697", sarifText, StringComparison.Ordinal);
        Assert.Empty(SbomSchemas.ValidateSarif(sarifText));
        Assert.True(artifact.TryGetProperty("scannedAt", out var scannedAt) && scannedAt.ValueKind == JsonValueKind.String);

        // The other two exchange formats, each against its published schema.
        var cyclonedx = await _server.Client.GetStringAsync(new Uri("/api/v1/reports?repository=matched/alpine&reference=old&format=cyclonedx", UriKind.Relative));
        Assert.Empty(SbomSchemas.ValidateCycloneDx(cyclonedx));
        Assert.Contains("CVE-2019-14697", cyclonedx, StringComparison.Ordinal);
        var spdx = await _server.Client.GetStringAsync(new Uri("/api/v1/reports?repository=matched/alpine&reference=old&format=spdx", UriKind.Relative));
        Assert.Empty(SbomSchemas.ValidateSpdx(spdx));
        Assert.Contains("pkg:apk/alpine/musl@1.1.20-r0", spdx, StringComparison.Ordinal);
    }

    [ToolFact(Skopeo.Program)]
    public async Task AutoScan_IndexOfAVulnerableAndACleanPlatform_SummaryIsTheWorstPlatform()
    {
        // amd64 carries musl 1.1.20-r0 (below the v3.10 secfix 1.1.22-r3 of CVE-2019-14697); arm64 the image as released,
        // at or above every secfix of the fixture.
        await ScanApi.PatchNamespaceAsync(_server.Client, "worst", """{"autoScan": true}""");
        using var work = new TempDirectory("drydock-worst");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var vulnerable = await layout.AddImageAsync([ScanApi.AlpineFilesWithOldMusl()], LayerCompression.Gzip, new Platform { Os = "linux", Architecture = "amd64" }, CancellationToken.None);
        var clean = await layout.AddImageAsync([ScanApi.AlpineFiles()], LayerCompression.Gzip, new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" }, CancellationToken.None);
        // The clean platform first, so that the worst one is not simply the first.
        var index = await layout.AddIndexAsync([clean, vulnerable], CancellationToken.None);
        layout.Tag(index, "multi");

        await Skopeo.CopyAsync($"oci:{layout.Directory}:multi", $"docker://{_server.Address.Authority}/worst/alpine:multi", CancellationToken.None, "--all");

        var artifact = await ScanApi.WaitForArtifactAsync(_server.Client, "worst/alpine", "multi");
        Assert.Equal("Success", artifact.GetProperty("status").GetString());
        var summary = artifact.GetProperty("summary");
        var findings = summary.GetProperty("platforms").EnumerateArray()
            .ToDictionary(p => p.GetProperty("platform").GetString()!, p => p.GetProperty("findings").GetInt32());
        Assert.Equal(1, findings["linux/amd64"]);
        Assert.Equal(0, findings["linux/arm64/v8"]);
        Assert.Equal(1, summary.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.Equal(1, summary.GetProperty("fixable").EnumerateObject().Sum(c => c.Value.GetInt32()));
    }
}
