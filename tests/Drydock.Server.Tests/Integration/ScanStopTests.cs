using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Scanning.Indexing;
using Drydock.Server.Integration;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Drydock.Server.Tests.Integration;

/// <summary>
/// Stopping a scan the worker is running. The image's second layer blob is swapped for a named pipe after the push,
/// so the scan is held inside that layer until the test writes the layer's bytes: the stop lands in a scan that is
/// certainly running, and the worker's cancellation is seen before the scan could go on.
/// </summary>
public sealed class ScanStopTests
{
    [ToolFact(Skopeo.Program)]
    public async Task Stop_RunningScan_WorkerCancelsItFreesItsSlotAndRaisesScanFailed()
    {
        // One slot: the second scan can only run once the stopped one has given the slot up.
        await using var server = await RunningServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Scanning:Concurrency"] = "1",
            ["Scanning:LeaseDuration"] = "00:00:00.600",
            ["Scanning:PollInterval"] = "00:00:00.100",
            ["Webhooks:PollInterval"] = "00:00:00.100",
            ["Webhooks:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
        });
        using var work = new TempDirectory("drydock-scan-stop");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var image = await layout.AddImageAsync(
            [
                [LayerEntry.File("etc/os-release", "ID=alpine\nVERSION_ID=3.10.4\n")],
                [LayerEntry.File("lib/apk/db/installed", "P:musl\nV:1.1.22-r3\n\n")],
            ],
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
        var layers = JsonSerializer.Deserialize<ImageManifest>(image.Bytes.Span)!.Layers!.Select(l => l.Digest).ToList();
        var held = layers[1]["sha256:".Length..];
        var blob = server.Data.Combine("blobs", "sha256", held[..2], held);
        var bytes = await File.ReadAllBytesAsync(blob);
        File.Delete(blob);
        await RunAsync("mkfifo", blob);
        var worker = server.App.Services.GetServices<IHostedService>().OfType<ScanWorker>().Single();
        var big = await PostScanAsync(server, "stop/big");
        await WaitForStatusAsync(server, big, "Scanning");

        // The first layer is in the layer cache: the scan is past it and at the held one (blocked opening the pipe, or
        // about to), so the stop lands inside that layer and not before the scan had read anything.
        var indexer = server.App.Services.GetRequiredService<ImageIndexer>();
        var cache = new FileLayerResultCache(server.Data.Combine("cache", "layers"));
        await WaitUntilAsync(async () => await cache.TryGetAsync(indexer.CacheKey(layers[0]), CancellationToken.None) is not null, "the first layer was never cached");

        using var stopped = await server.Client.DeleteAsync(new Uri($"/api/v1/scans/{big}", UriKind.Relative));
        await WaitUntilAsync(() => worker.ScansCancelled == 1, "the worker never cancelled the stopped scan");
        var release = ReleaseHeldLayerAsync(blob, bytes);
        var small = await PostScanAsync(server, "stop/small");

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        await release.WaitAsync(ScanApi.PollTimeout);
        Assert.Equal("NoDatabase", (await ScanApi.WaitForScanAsync(server.Client, small)).GetProperty("status").GetString());
        var bigScan = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/scans/{big}");
        Assert.Equal(("Failed", "Stopped by request."), (bigScan.GetProperty("status").GetString(), bigScan.GetProperty("reason").GetString()));
        var artifact = (await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/artifacts?repository=stop/big"))[0];
        Assert.Equal("Failed", artifact.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, artifact.GetProperty("summary").ValueKind);

        // The held layer was never finished: its result is not in the layer cache.
        Assert.NotNull(await cache.TryGetAsync(indexer.CacheKey(layers[0]), CancellationToken.None));
        Assert.Null(await cache.TryGetAsync(indexer.CacheKey(layers[1]), CancellationToken.None));

        await WaitUntilAsync(() => !receiver.Received.IsEmpty, "no scan.failed delivery");
        var failed = Assert.Single(receiver.Received);
        Assert.Equal("scan.failed", failed.Headers["X-Drydock-Event"]);
        var data = JsonDocument.Parse(failed.Body).RootElement.GetProperty("data");
        Assert.Equal((big, "Stopped by request."), (data.GetProperty("scanId").GetString(), data.GetProperty("reason").GetString()));
    }

    /// <summary>
    /// Hands the held layer's bytes to whoever reads the pipe, now or later, without waiting for a reader. The stopped
    /// scan may be blocked opening the pipe, may have closed it, or may never open it at all (cancelled before it got
    /// to that layer): a plain open for writing would then wait for a reader forever. Opened for reading and writing,
    /// a FIFO never blocks, counts as its own reader (no broken pipe) and releases a reader blocked in open. While it is
    /// open the real blob is renamed over the pipe, so a reader that comes later reads a plain file.
    /// </summary>
    private static async Task ReleaseHeldLayerAsync(string fifo, byte[] bytes)
    {
        // The bytes must fit the pipe's buffer: nobody may ever read them.
        Assert.True(bytes.Length < 65536, $"the held layer is {bytes.Length} bytes, more than a pipe holds");
        await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        await pipe.WriteAsync(bytes);
        var plain = fifo + ".plain";
        await File.WriteAllBytesAsync(plain, bytes);
        File.Move(plain, fifo, overwrite: true);
    }

    private static async Task RunAsync(string program, string argument)
    {
        using var process = Process.Start(program, [argument]);
        await process.WaitForExitAsync().WaitAsync(ScanApi.PollTimeout);
        Assert.Equal(0, process.ExitCode);
    }

    private static async Task<string> PostScanAsync(RunningServer server, string repository)
    {
        using var posted = await server.Client.PostAsJsonAsync("/api/v1/scans", new { repository, reference = "1" });
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task WaitForStatusAsync(RunningServer server, string id, string wanted) =>
        await WaitUntilAsync(
            async () => (await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/scans/{id}")).GetProperty("status").GetString() == wanted,
            $"scan {id} never reached {wanted}");

    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
