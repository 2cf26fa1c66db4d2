using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// A Rocky Linux 9 image (the real Rocky 9.3 os-release and the Berkeley-DB rpmdb made on Rocky 9) on a server whose
/// database holds only the real alpine-secdb v3.10: the scan succeeds, finds nothing, and says rocky:9 was not covered;
/// the pull policy and admission deny it like an unscanned image until the namespace sets allowNotCovered.
/// </summary>
public sealed class NotCoveredPolicyTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await ScanApi.StartWithAlpineDatabaseAsync("drydock-not-covered");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [ToolFact(Skopeo.Program)]
    public async Task PreventVulnerable_RockyWithoutRockySource_NotCoveredDeniedUntilAllowed()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "strict", """{"autoScan": true, "preventVulnerable": true, "severityThreshold": "low"}""");
        using var work = new TempDirectory("drydock-rocky");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var image = await layout.AddImageAsync(
            [[
                LayerEntry.FileFrom("etc/os-release", TestPaths.Shared("pkgdb", "os-release", "trivy", "rocky")),
                LayerEntry.FileFrom("var/lib/rpm/Packages", TestPaths.Shared("pkgdb", "rpm", "syft-bdb-Packages")),
            ]],
            LayerCompression.Gzip,
            new Platform { Os = "linux", Architecture = "amd64" },
            CancellationToken.None);
        layout.Tag(image, "9");
        var reference = $"docker://{_server.Address.Authority}/strict/rocky:9";
        await Skopeo.CopyAsync($"oci:{layout.Directory}:9", reference, CancellationToken.None);

        var artifact = await ScanApi.WaitForArtifactAsync(_server.Client, "strict/rocky", "9");
        Assert.Equal("Success", artifact.GetProperty("status").GetString());
        var summary = artifact.GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.Equal(["rocky:9"], summary.GetProperty("notCovered").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["rocky:9"], summary.GetProperty("platforms")[0].GetProperty("notCovered").EnumerateArray().Select(n => n.GetString()));
        var report = await _server.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports?repository=strict/rocky&reference=9&format=json");
        Assert.Equal("incomplete", report.GetProperty("summary").GetProperty("status").GetString());

        var denied = await Skopeo.RunAsync(["copy", "--src-tls-verify=false", reference, $"dir:{work.Combine("denied")}"], CancellationToken.None, check: false);
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("no loaded vulnerability source covers (rocky:9)", denied.StandardError, StringComparison.Ordinal);
        var review = await AdmissionReviews.SendAsync(_server.Client, AdmissionReviews.Pod([$"{_server.Address.Authority}/strict/rocky:9"]));
        Assert.False(review.GetProperty("allowed").GetBoolean());
        Assert.Contains("rocky:9", review.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);

        using (var allow = new StringContent("""{"allowNotCovered": true}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await _server.Client.PatchAsync(new Uri("/api/v1/namespaces/strict", UriKind.Relative), allow)).EnsureSuccessStatusCode();
        }

        // The settings cache lives one second; the PATCH made through this process invalidates it at once.
        await Skopeo.CopyAsync(reference, $"dir:{work.Combine("allowed")}", CancellationToken.None);
        Assert.True(File.Exists(work.Combine("allowed", "manifest.json")));
        Assert.True((await AdmissionReviews.SendAsync(_server.Client, AdmissionReviews.Pod([$"{_server.Address.Authority}/strict/rocky:9"]))).GetProperty("allowed").GetBoolean());
    }
}
