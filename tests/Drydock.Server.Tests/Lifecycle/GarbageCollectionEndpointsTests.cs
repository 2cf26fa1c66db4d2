using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Drydock.Server.Tests.Lifecycle;

public sealed class GarbageCollectionEndpointsTests
{
    private static readonly Dictionary<string, string?> NoGrace = new() { ["Registry:GarbageCollectionGracePeriod"] = "00:00:00" };

    [Fact]
    public async Task Gc_BlobOfPushInProgressWithinGrace_KeptAndManifestPushSucceeds()
    {
        await using var server = await RunningServer.StartAsync();
        var repository = RegistryClient.NewRepository();
        var config = Encoding.UTF8.GetBytes("{\"os\":\"linux\",\"architecture\":\"amd64\"}");
        var layer = RegistryClient.RandomBytes(500);
        await server.Client.PushBlobAsync(repository, config);
        await server.Client.PushBlobAsync(repository, layer);

        var report = await CollectAsync(server, dryRun: false);
        Assert.Empty(report.GetProperty("removed").EnumerateArray());
        Assert.Equal(2, report.GetProperty("tooRecent").GetInt32());

        using var put = await server.Client.PutManifestAsync(repository, "1.0", RegistryClient.OciManifest, RegistryClient.ImageManifest(config, [layer]));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task Gc_DryRunThenRun_ListsThenRemovesOnlyUnreferencedBlobs()
    {
        await using var server = await RunningServer.StartAsync(settings: NoGrace);
        var repository = RegistryClient.NewRepository();
        await server.Client.PushImageAsync(repository, "1.0");
        var orphan = RegistryClient.RandomBytes(300);
        var orphanDigest = await server.Client.PushBlobAsync(repository, orphan);

        var dryRun = await CollectAsync(server, dryRun: true);
        Assert.Equal([orphanDigest], dryRun.GetProperty("removed").EnumerateArray().Select(b => b.GetProperty("digest").GetString()));
        using (var still = await server.Client.GetAsync(new Uri($"/v2/{repository}/blobs/{orphanDigest}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        var run = await CollectAsync(server, dryRun: false);
        Assert.Equal([orphanDigest], run.GetProperty("removed").EnumerateArray().Select(b => b.GetProperty("digest").GetString()));
        Assert.Equal(2, run.GetProperty("referenced").GetInt32());
        using var gone = await server.Client.GetAsync(new Uri($"/v2/{repository}/blobs/{orphanDigest}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task PutManifest_BlobCollectedAfterUpload_FailsCleanlyWithoutAManifest()
    {
        await using var server = await RunningServer.StartAsync(settings: NoGrace);
        var repository = RegistryClient.NewRepository();
        var config = Encoding.UTF8.GetBytes("{\"os\":\"linux\",\"architecture\":\"amd64\"}");
        var layer = RegistryClient.RandomBytes(500);
        await server.Client.PushBlobAsync(repository, config);
        await server.Client.PushBlobAsync(repository, layer);
        await CollectAsync(server, dryRun: false);

        using var put = await server.Client.PutManifestAsync(repository, "1.0", RegistryClient.OciManifest, RegistryClient.ImageManifest(config, [layer]));
        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        using var manifest = await server.Client.GetManifestAsync(repository, "1.0");
        Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
    }

    /// <summary>
    /// Pushes race collections with no grace period, so the collector really does try to remove blobs of pushes in
    /// progress. Whatever the interleaving, a manifest is either stored with every blob it names readable, or refused
    /// with MANIFEST_BLOB_UNKNOWN and absent: never a stored manifest with a missing blob.
    /// </summary>
    [Fact]
    public async Task Gc_RacingPushes_NeverLeavesAManifestWithAMissingBlob()
    {
        await using var server = await RunningServer.StartAsync(settings: NoGrace);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var outcomes = new ConcurrentBag<(string Repository, byte[] Manifest, byte[][] Blobs, HttpStatusCode Status, string Body)>();
        var pushing = 0;
        var pushers = Enumerable.Range(0, 4).Select(worker => Task.Run(
            async () =>
            {
                Interlocked.Increment(ref pushing);
                try
                {
                    for (var i = 0; i < 15; i++)
                    {
                        var repository = RegistryClient.NewRepository("race");
                        var config = Encoding.UTF8.GetBytes($"{{\"os\":\"linux\",\"architecture\":\"amd64\",\"n\":\"{worker}-{i}\"}}");
                        var layer = RegistryClient.RandomBytes(2000);

                        // Half the pushes reuse a blob another repository already has, the way layers are shared.
                        var shared = Encoding.UTF8.GetBytes($"shared-{i % 3}");
                        byte[][] blobs = i % 2 == 0 ? [config, layer] : [config, layer, shared];
                        foreach (var blob in blobs)
                        {
                            await server.Client.PushBlobAsync(repository, blob);
                        }

                        var manifest = RegistryClient.ImageManifest(config, blobs[1..]);
                        using var put = await server.Client.PutManifestAsync(repository, "1.0", RegistryClient.OciManifest, manifest);
                        outcomes.Add((repository, manifest, blobs, put.StatusCode, await put.Content.ReadAsStringAsync(timeout.Token)));
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref pushing);
                }
            },
            timeout.Token)).ToList();

        var collections = 0;
        while (Volatile.Read(ref pushing) > 0 || collections == 0)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await CollectAsync(server, dryRun: false);
            collections++;
        }

        await Task.WhenAll(pushers).WaitAsync(timeout.Token);
        await CollectAsync(server, dryRun: false);

        Assert.Equal(60, outcomes.Count);
        foreach (var (repository, manifest, blobs, status, body) in outcomes)
        {
            if (status == HttpStatusCode.Created)
            {
                using var stored = await server.Client.GetManifestAsync(repository, "1.0");
                Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
                Assert.Equal(manifest, await stored.Content.ReadAsByteArrayAsync(timeout.Token));
                foreach (var blob in blobs)
                {
                    using var read = await server.Client.GetAsync(new Uri($"/v2/{repository}/blobs/{RegistryClient.Sha256(blob)}", UriKind.Relative), timeout.Token);
                    Assert.True(read.StatusCode == HttpStatusCode.OK, $"{repository}: blob {RegistryClient.Sha256(blob)} of a stored manifest answers {read.StatusCode}");
                    Assert.Equal(blob, await read.Content.ReadAsByteArrayAsync(timeout.Token));
                }
            }
            else
            {
                Assert.True(status == HttpStatusCode.BadRequest && body.Contains("MANIFEST_BLOB_UNKNOWN", StringComparison.Ordinal), $"{status} {body}");
                using var absent = await server.Client.GetManifestAsync(repository, "1.0");
                Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
            }
        }
    }

    private static async Task<JsonElement> CollectAsync(RunningServer server, bool dryRun)
    {
        using var response = await server.Client.PostAsync(new Uri($"/api/v1/gc?dryRun={(dryRun ? "true" : "false")}", UriKind.Relative), null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
