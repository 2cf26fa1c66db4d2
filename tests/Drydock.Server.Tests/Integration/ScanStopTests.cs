using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Scanning.Indexing;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;
using Microsoft.Extensions.DependencyInjection;

namespace Drydock.Server.Tests.Integration;

/// <summary>
/// Stopping a scan the worker is running: with one worker slot, the stopped scan must give its slot up (its lease
/// renewal fails and the indexing is cancelled) before a second scan can run at all. The namespace's webhook hears
/// <c>scan.failed</c>.
/// </summary>
public sealed class ScanStopTests
{
    private const int Layers = 24;
    private const int LayerBytes = 6 << 20;

    [ToolFact(Skopeo.Program)]
    public async Task Stop_RunningScan_WorkerCancelsItAndTheNextScanRuns()
    {
        // Renewals every 200 ms, so the worker notices the stop long before it could read 24 layers of 6 MiB.
        await using var server = await RunningServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Scanning:Concurrency"] = "1",
            ["Scanning:LeaseDuration"] = "00:00:00.600",
            ["Scanning:PollInterval"] = "00:00:00.100",
        });
        using var work = new TempDirectory("drydock-scan-stop");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var image = await layout.AddImageAsync(
            Enumerable.Range(0, Layers).Select(i => (IEnumerable<LayerEntry>)[LayerEntry.File($"data/{i}.bin", RandomNumberGenerator.GetBytes(LayerBytes))]),
            LayerCompression.Gzip,
            new Platform { Os = "linux", Architecture = "amd64" },
            CancellationToken.None);
        layout.Tag(image, "big");
        await using var receiver = await LocalHttpServer.StartAsync();
        (await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "stop" })).EnsureSuccessStatusCode();
        (await server.Client.PostAsJsonAsync("/api/v1/namespaces/stop/webhooks", new { url = new Uri(receiver.Address, "/hook"), events = new[] { "scan.failed" } }))
            .EnsureSuccessStatusCode();
        await Skopeo.CopyAsync($"oci:{layout.Directory}:big", $"docker://{server.Address.Authority}/stop/big:1", CancellationToken.None);
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{server.Address.Authority}/stop/small:1", CancellationToken.None);
        var big = await PostScanAsync(server, "stop/big");
        await WaitForStatusAsync(server, big, "Scanning");

        using var stopped = await server.Client.DeleteAsync(new Uri($"/api/v1/scans/{big}", UriKind.Relative));
        var small = await PostScanAsync(server, "stop/small");

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var smallScan = await ScanApi.WaitForScanAsync(server.Client, small);
        Assert.Equal("Success", smallScan.GetProperty("status").GetString());
        var bigScan = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/scans/{big}");
        Assert.Equal("Failed", bigScan.GetProperty("status").GetString());
        Assert.Equal("Stopped by request.", bigScan.GetProperty("reason").GetString());

        // Without the cancellation the one slot would have been busy until all 24 layers of the big image were read.
        Assert.True(server.App.Services.GetRequiredService<ImageIndexer>().Statistics.LayersRead < Layers + 1);
        var artifacts = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/artifacts?repository=stop/big");
        Assert.Equal("Failed", artifacts[0].GetProperty("status").GetString());
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while (receiver.Received.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "no scan.failed delivery");
            await Task.Delay(50);
        }

        var failed = Assert.Single(receiver.Received);
        Assert.Equal("scan.failed", failed.Headers["X-Drydock-Event"]);
        var data = JsonDocument.Parse(failed.Body).RootElement.GetProperty("data");
        Assert.Equal((big, "Stopped by request."), (data.GetProperty("scanId").GetString(), data.GetProperty("reason").GetString()));
    }

    private static async Task<string> PostScanAsync(RunningServer server, string repository)
    {
        using var posted = await server.Client.PostAsJsonAsync("/api/v1/scans", new { repository, reference = "1" });
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task WaitForStatusAsync(RunningServer server, string id, string wanted)
    {
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while ((await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/scans/{id}")).GetProperty("status").GetString() != wanted)
        {
            Assert.True(DateTime.UtcNow < deadline, $"scan {id} never reached {wanted}");
            await Task.Delay(20);
        }
    }
}
