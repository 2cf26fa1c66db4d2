using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Drydock.Oci;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

/// <summary>
/// Data safety with real processes: the registry is killed with SIGKILL (or stopped with SIGTERM) in the
/// middle of a push, started again over the same data folder, and must show no partial blob or manifest
/// while every image pushed before still pulls byte-identical.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int BigLayerBytes = 64 << 20;
    private const int ChunkBytes = 8 << 20;

    [ToolFact(Skopeo.Program)]
    public async Task Kill_DuringChunkedUpload_NoPartialBlobAndEarlierImagePullsIdentical()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-crash");
        var (layout, imageA, imageB, bigLayer) = await BuildImagesAsync(work, ct);
        var registry = await RegistryProcess.StartAsync(work.Combine("data"), ct);
        try
        {
            await Skopeo.CopyAsync($"oci:{layout.Directory}:a", $"docker://{registry.Host}/team/app/api:a", ct);

            // Three 8 MiB chunks land, the fourth is cut off by SIGKILL while its body is on the wire.
            var blob = OciLayout.ReadBlob(layout.Directory, bigLayer.Digest);
            using (var http = new HttpClient { BaseAddress = registry.BaseAddress })
            {
                var location = await StartUploadAsync(http, "team/app/api", ct);
                for (var offset = 0; offset < 3 * ChunkBytes; offset += ChunkBytes)
                {
                    location = await PatchAsync(http, location, blob, offset, ChunkBytes, ct);
                }

                var victim = registry;
                var cut = new InterruptedContent(blob.AsMemory(3 * ChunkBytes, ChunkBytes), () => victim.Kill());
                using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = cut };
                patch.Content.Headers.TryAddWithoutValidation("Content-Range", $"{3 * ChunkBytes}-{(4 * ChunkBytes) - 1}");
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.SendAsync(patch, ct));
            }

            Assert.True(registry.HasExited);
            await registry.DisposeAsync();
            registry = await registry.RestartAsync(ct);

            await AssertAfterCrashAsync(registry, layout, work, imageA, imageB, ct);
        }
        finally
        {
            await registry.DisposeAsync();
        }
    }

    [ToolFact(Skopeo.Program)]
    public async Task Kill_DuringSkopeoPush_EveryVisibleBlobIsComplete()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-crash");
        var (layout, imageA, imageB, _) = await BuildImagesAsync(work, ct);
        var data = work.Combine("data");
        var registry = await RegistryProcess.StartAsync(data, ct);
        try
        {
            await Skopeo.CopyAsync($"oci:{layout.Directory}:a", $"docker://{registry.Host}/team/app/api:a", ct);
            var before = FolderBytes(data);

            // Kill once part of the big layer has reached the server's disk, whatever the server calls the folder. A
            // sixteenth leaves 60 MiB still to send: at loopback speed the rest of a quarter took less than the polling
            // step on a loaded machine, and skopeo finished before the kill landed.
            var push = Skopeo.RunAsync(
                ["copy", "--dest-tls-verify=false", $"oci:{layout.Directory}:b", $"docker://{registry.Host}/team/app/api:b"], ct, check: false);
            var stopwatch = Stopwatch.StartNew();
            while (FolderBytes(data) - before < BigLayerBytes / 16 && !push.IsCompleted && stopwatch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20, ct);
            }

            Assert.False(push.IsCompleted, $"skopeo finished before the kill: {(push.IsCompleted ? push.Result.StandardError : string.Empty)}");
            registry.Kill();
            var interrupted = await push;
            Assert.NotEqual(0, interrupted.ExitCode);
            await registry.DisposeAsync();
            registry = await registry.RestartAsync(ct);

            await AssertAfterCrashAsync(registry, layout, work, imageA, imageB, ct);
        }
        finally
        {
            await registry.DisposeAsync();
        }
    }

    [ToolFact(Skopeo.Program)]
    public async Task Kill_DuringManyPushes_EveryVisibleTagPullsComplete()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-crash");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var images = new Dictionary<string, BuiltManifest>();
        for (var i = 0; i < 24; i++)
        {
            var image = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, $"many-{i}", 2, ct);
            layout.Tag(image, $"t{i}");
            images[$"t{i}"] = image;
        }

        var registry = await RegistryProcess.StartAsync(work.Combine("data"), ct);
        try
        {
            // Four clients push tags one after another; the server dies while manifests and blobs are in flight.
            using var stopPushing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var host = registry.Host;
            var clients = Enumerable.Range(0, 4).Select(client => Task.Run(
                async () =>
                {
                    for (var i = client; i < images.Count && !stopPushing.IsCancellationRequested; i += 4)
                    {
                        await Skopeo.RunAsync(
                            ["copy", "--dest-tls-verify=false", $"oci:{layout.Directory}:t{i}", $"docker://{host}/team/many/app:t{i}"], ct, check: false);
                    }
                },
                ct)).ToList();

            using (var http = new HttpClient { BaseAddress = registry.BaseAddress })
            {
                var stopwatch = Stopwatch.StartNew();
                while (await CountTagsAsync(http, "team/many/app", ct) < 6 && stopwatch.Elapsed < TimeSpan.FromSeconds(90))
                {
                    await Task.Delay(50, ct);
                }
            }

            registry.Kill();
            await stopPushing.CancelAsync();
            await Task.WhenAll(clients);
            await registry.DisposeAsync();
            registry = await registry.RestartAsync(ct);

            // Every tag the restarted registry lists must pull complete and identical; none may be half there.
            using var after = new HttpClient { BaseAddress = registry.BaseAddress };
            var tags = await ListTagsAsync(after, "team/many/app", ct);
            Assert.True(tags.Count >= 6, $"only {tags.Count} tags survived, though 6 were listed before the kill");
            Assert.True(tags.Count < images.Count, "every push finished before the kill, so nothing was interrupted");
            foreach (var tag in tags)
            {
                var pulled = work.Combine($"pulled-{tag}");
                await Skopeo.CopyAsync($"docker://{registry.Host}/team/many/app:{tag}", $"oci:{pulled}:{tag}", ct);
                RoundTrip.AssertIdentical(images[tag], layout.Directory, pulled, tag);
            }
        }
        finally
        {
            await registry.DisposeAsync();
        }
    }

    [ToolFact(Skopeo.Program)]
    public async Task Terminate_DuringChunkedUpload_ExitsAndKeepsEveryImage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-crash");
        var (layout, imageA, imageB, bigLayer) = await BuildImagesAsync(work, ct);
        var registry = await RegistryProcess.StartAsync(work.Combine("data"), ct);
        try
        {
            await Skopeo.CopyAsync($"oci:{layout.Directory}:a", $"docker://{registry.Host}/team/app/api:a", ct);
            var blob = OciLayout.ReadBlob(layout.Directory, bigLayer.Digest);
            using (var http = new HttpClient { BaseAddress = registry.BaseAddress })
            {
                var location = await StartUploadAsync(http, "team/app/api", ct);
                location = await PatchAsync(http, location, blob, 0, ChunkBytes, ct);
            }

            // SIGTERM with an upload open: the server must exit by itself (no SIGKILL needed).
            var exitCode = await registry.StopAsync(TimeSpan.FromSeconds(30), ct);
            if (registry.Implementation == RegistryImplementation.Drydock)
            {
                Assert.True(exitCode == 0, $"drydock serve exited with {exitCode} on SIGTERM.\n{registry.Output}");
            }

            await registry.DisposeAsync();
            registry = await registry.RestartAsync(ct);

            await AssertAfterCrashAsync(registry, layout, work, imageA, imageB, ct);
        }
        finally
        {
            await registry.DisposeAsync();
        }
    }

    /// <summary>
    /// After the restart: no partial blob of B, no manifest for B's tag, every visible blob complete, A byte-identical,
    /// and B can be pushed again and pulls back identical.
    /// </summary>
    private static async Task AssertAfterCrashAsync(
        RegistryProcess registry, OciLayoutBuilder layout, TempDirectory work, BuiltManifest imageA, BuiltManifest imageB, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = registry.BaseAddress };
        var bigLayer = imageB.Blobs.MaxBy(b => b.Size)!;
        using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, BlobUri("team/app/api", bigLayer.Digest)), ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        foreach (var blob in imageB.Blobs)
        {
            using var get = await http.GetAsync(BlobUri("team/app/api", blob.Digest), ct);
            if (get.StatusCode == HttpStatusCode.OK)
            {
                var bytes = await get.Content.ReadAsByteArrayAsync(ct);
                Assert.Equal(blob.Size, bytes.Length);
                Assert.Equal(blob.Digest, Digest.Compute(bytes).ToString());
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            }
        }

        using (var manifest = new HttpRequestMessage(HttpMethod.Get, new Uri("v2/team/app/api/manifests/b", UriKind.Relative)))
        {
            manifest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
            using var response = await http.SendAsync(manifest, ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var pulledA = work.Combine($"pulled-a-{Guid.NewGuid():N}");
        await Skopeo.CopyAsync($"docker://{registry.Host}/team/app/api:a", $"oci:{pulledA}:a", ct);
        RoundTrip.AssertIdentical(imageA, layout.Directory, pulledA, "a");

        await Skopeo.CopyAsync($"oci:{layout.Directory}:b", $"docker://{registry.Host}/team/app/api:b", ct);
        var pulledB = work.Combine($"pulled-b-{Guid.NewGuid():N}");
        await Skopeo.CopyAsync($"docker://{registry.Host}/team/app/api:b", $"oci:{pulledB}:b", ct);
        RoundTrip.AssertIdentical(imageB, layout.Directory, pulledB, "b");
    }

    private static async Task<(OciLayoutBuilder Layout, BuiltManifest A, BuiltManifest B, Drydock.Oci.Manifests.Descriptor BigLayer)> BuildImagesAsync(
        TempDirectory work, CancellationToken ct)
    {
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var imageA = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "crash-a", 3, ct);
        layout.Tag(imageA, "a");
        var random = work.Combine("random.bin");
        OciLayout.WriteRandomFile(random, BigLayerBytes, seed: 64);
        var big = await layout.AddLayerAsync([LayerEntry.FileFrom("data/big.bin", random)], LayerCompression.Gzip, ct);
        var small = await layout.AddLayerAsync([LayerEntry.File("data/README", "big image")], LayerCompression.Gzip, ct);
        var imageB = await layout.AddImageAsync([small, big], TestImages.Amd64, ct);
        layout.Tag(imageB, "b");
        return (layout, imageA, imageB, big.Descriptor);
    }

    private static async Task<int> CountTagsAsync(HttpClient http, string repository, CancellationToken ct)
    {
        try
        {
            return (await ListTagsAsync(http, repository, ct)).Count;
        }
        catch (HttpRequestException)
        {
            return 0; // The repository does not exist yet.
        }
    }

    private static async Task<List<string>> ListTagsAsync(HttpClient http, string repository, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri($"v2/{repository}/tags/list", UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return document.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == System.Text.Json.JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(t => t.GetString()!)]
            : [];
    }

    private static Uri BlobUri(string repository, string digest) => new($"v2/{repository}/blobs/{digest}", UriKind.Relative);

    private static async Task<Uri> StartUploadAsync(HttpClient http, string repository, CancellationToken ct)
    {
        using var response = await http.PostAsync(new Uri($"v2/{repository}/blobs/uploads/", UriKind.Relative), content: null, ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Location(http, response);
    }

    private static async Task<Uri> PatchAsync(HttpClient http, Uri location, byte[] blob, int offset, int count, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, location)
        {
            Content = new ReadOnlyMemoryContent(blob.AsMemory(offset, count)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + count - 1}");
        using var response = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Location(http, response);
    }

    private static Uri Location(HttpClient http, HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("The upload response has no Location.");
        return location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f =>
            {
                try
                {
                    return f.Length;
                }
                catch (FileNotFoundException)
                {
                    return 0L; // Renamed or deleted while we looked.
                }
            })
            : 0;

    /// <summary>A request body that runs <paramref name="interrupt"/> once half of it is on the wire, then keeps sending.</summary>
    private sealed class InterruptedContent(ReadOnlyMemory<byte> body, Action interrupt) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body[..half], cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(200, cancellationToken); // Let the server read the first half into its staging file.
            interrupt();
            await stream.WriteAsync(body[half..], cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
