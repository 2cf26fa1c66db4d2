using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Tests.RegistryScanning;

/// <summary>
/// The scan queue survives a crash: the server is killed with SIGKILL while it scans, started again over the same
/// data, and the job is claimed again once its lease (the default 30 s) has expired, then finishes.
/// </summary>
public sealed class ScanCrashTests
{
    private const int Layers = 24;
    private const int LayerBytes = 6 << 20;

    [ToolFact(Skopeo.Program)]
    public async Task Kill_DuringScan_ResumedAfterRestartAndFinished()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-scan-crash");
        var layout = new OciLayoutBuilder(work.Combine("layout"));

        // Many layers of incompressible bytes, so the scan lasts long enough to be interrupted.
        var image = await layout.AddImageAsync(
            Enumerable.Range(0, Layers).Select(i => (IEnumerable<LayerEntry>)[LayerEntry.File($"data/{i}.bin", RandomNumberGenerator.GetBytes(LayerBytes))]),
            LayerCompression.Gzip,
            new Platform { Os = "linux", Architecture = "amd64" },
            ct);
        layout.Tag(image, "big");
        var registry = await RegistryProcess.StartAsync(work.Combine("data"), ct);
        try
        {
            await Skopeo.CopyAsync($"oci:{layout.Directory}:big", $"docker://{registry.Host}/team/big:1", ct);
            string id;
            using (var http = new HttpClient { BaseAddress = registry.BaseAddress })
            {
                using var posted = await http.PostAsJsonAsync("/api/v1/scans", new { repository = "team/big", reference = "1" }, ct);
                id = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
                await WaitForStatusAsync(http, id, "Scanning", ct);
            }

            registry.Kill();
            await registry.DisposeAsync();
            registry = await registry.RestartAsync(ct);

            using var client = new HttpClient { BaseAddress = registry.BaseAddress };
            // This registry has no vulnerability database: a scan that ran to its end is NoDatabase (indexed, not judged).
            var finished = await WaitForStatusAsync(client, id, "NoDatabase", ct);
            Assert.Equal(2, finished.GetProperty("attempts").GetInt32());
            var artifacts = await client.GetFromJsonAsync<JsonElement>("/api/v1/artifacts?repository=team/big", ct);
            var platform = artifacts.EnumerateArray().Single().GetProperty("summary").GetProperty("platforms").EnumerateArray().Single();
            Assert.Equal(image.Digest.ToString(), platform.GetProperty("manifestDigest").GetString());
            Assert.Equal(Layers, platform.GetProperty("layersRead").GetInt32() + platform.GetProperty("cacheHits").GetInt32());
        }
        finally
        {
            await registry.DisposeAsync();
        }
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, string wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var scan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/scans/{id}", cancellationToken);
            var status = scan.GetProperty("status").GetString();
            if (status == wanted)
            {
                return scan;
            }

            Assert.True(status is "Queued" or "Scanning", $"scan {id} reached {status} while waiting for {wanted}: {scan}");
            await Task.Delay(20, cancellationToken);
        }
    }
}
