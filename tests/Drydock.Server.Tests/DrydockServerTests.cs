using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Drydock.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Drydock.Server.Tests;

public sealed class DrydockServerTests
{
    [Fact]
    public async Task ConcurrentPushes_SameBlobsAndManifestFromEightClients_AllSucceed()
    {
        await using var server = await RunningServer.StartAsync();
        const string repository = "team/concurrent";
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        var layers = Enumerable.Range(0, 3).Select(_ => RegistryClient.RandomBytes(256 * 1024)).ToArray();
        var manifest = RegistryClient.ImageManifest(config, layers);

        async Task<List<HttpStatusCode>> PushAsync()
        {
            using var client = server.CreateClient();
            var statuses = new List<HttpStatusCode>();
            foreach (var blob in layers.Prepend(config))
            {
                // Chunked: POST, PATCH, PUT, as docker and podman push.
                using var start = await client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
                statuses.Add(start.StatusCode);
                using var patch = await client.PatchAsync(start.Header("Location"), new ByteArrayContent(blob));
                statuses.Add(patch.StatusCode);
                using var put = await client.PutAsync($"{patch.Header("Location")}?digest={RegistryClient.Sha256(blob)}", null);
                statuses.Add(put.StatusCode);
            }

            using var manifestPut = await client.PutManifestAsync(repository, "latest", RegistryClient.OciManifest, manifest);
            statuses.Add(manifestPut.StatusCode);
            return statuses;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(PushAsync)));

        foreach (var statuses in results)
        {
            Assert.Equal(
                [.. Enumerable.Repeat(new[] { HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Created }, 4).SelectMany(s => s), HttpStatusCode.Created],
                statuses);
        }

        using var get = await server.Client.GetManifestAsync(repository, "latest");
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
        foreach (var layer in layers)
        {
            using var blob = await server.Client.GetAsync($"/v2/{repository}/blobs/{RegistryClient.Sha256(layer)}");
            Assert.Equal(layer, await blob.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Restart_SameDataDirectory_ImagesPullByteIdentical()
    {
        var data = new TempDirectory("drydock-restart");
        var first = await RunningServer.StartAsync(data: data);
        var manifest = await first.Client.PushImageAsync("team/app", "1.0");
        var layer = RegistryClient.RandomBytes(3000);
        var layerDigest = await first.Client.PushBlobAsync("team/app", layer);
        first.Client.Dispose();
        await first.StopAsync();

        await using var second = await RunningServer.StartAsync(data: data);
        using var getManifest = await second.Client.GetManifestAsync("team/app", "1.0");
        using var getBlob = await second.Client.GetAsync($"/v2/team/app/blobs/{layerDigest}");

        Assert.Equal(manifest, await getManifest.Content.ReadAsByteArrayAsync());
        Assert.Equal(layer, await getBlob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Stop_DuringUpload_AbortsItAndNoPartialBlobIsVisibleAfterRestart()
    {
        var data = new TempDirectory("drydock-stop");
        var app = await DrydockServer.CreateAsync(
            new DrydockServerOptions { DataDirectory = data.Path, Urls = "http://127.0.0.1:0", ShutdownTimeout = TimeSpan.FromSeconds(1), MinimumLogLevel = LogLevel.Warning },
            CancellationToken.None);
        await app.StartAsync();
        var address = new Uri(DrydockServer.GetListeningAddresses(app).Single());
        using var client = new HttpClient { BaseAddress = address };
        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        var location = start.Header("Location");
        var content = RegistryClient.RandomBytes(1 << 20);

        // Half the blob, then the client stalls with the request open.
        var stalled = new StallingStream(content[..(content.Length / 2)]);
        using var body = new StreamContent(stalled);
        var patch = client.PatchAsync(location, body);
        await stalled.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await app.StopAsync();
        await app.DisposeAsync();

        // The server is gone; the client gives up too.
        stalled.Abort();
        await Assert.ThrowsAnyAsync<Exception>(() => patch);

        await using var restarted = await RunningServer.StartAsync(data: data);
        var digest = RegistryClient.Sha256(content);
        using var head = await restarted.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(data.Path, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Start_StagedBytesWithoutSession_AreRemoved()
    {
        var data = new TempDirectory("drydock-orphan");
        Directory.CreateDirectory(Path.Combine(data.Path, "uploads"));
        var orphan = Path.Combine(data.Path, "uploads", Guid.NewGuid().ToString("D"));
        await File.WriteAllBytesAsync(orphan, new byte[100]);

        await using var server = await RunningServer.StartAsync(data: data);

        Assert.False(File.Exists(orphan));
    }

    [Fact]
    public async Task CreateAsync_DefaultLayout_PutsDatabaseAndBlobsUnderDataDirectory()
    {
        await using var server = await RunningServer.StartAsync();
        var digest = await server.Client.PushBlobAsync("team/app", [1, 2, 3, 4]);
        var hex = digest.Split(':')[1];

        Assert.True(File.Exists(Path.Combine(server.Data.Path, "drydock.db")));
        Assert.True(File.Exists(Path.Combine(server.Data.Path, "blobs", "sha256", hex[..2], hex)));
        Assert.True(Directory.Exists(Path.Combine(server.Data.Path, "uploads")));
    }

    [Fact]
    public async Task CreateGarbageCollectorAsync_AfterManifestDelete_DryRunKeepsAllThenRunRemovesOnlyUnreferenced()
    {
        await using var server = await RunningServer.StartAsync();
        var kept = await server.Client.PushImageAsync("team/app", "kept");
        var gone = await server.Client.PushImageAsync("team/app", "gone");
        using (var deleted = await server.Client.DeleteAsync($"/v2/team/app/manifests/{RegistryClient.Sha256(gone)}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        var blobsBefore = Directory.EnumerateFiles(Path.Combine(server.Data.Path, "blobs"), "*", SearchOption.AllDirectories).Count();
        var collector = await DrydockServer.CreateGarbageCollectorAsync(server.Data.Path, TimeSpan.Zero, LoggerFactory.Create(_ => { }), CancellationToken.None);

        var dryRun = await collector.RunAsync(dryRun: true, CancellationToken.None);
        Assert.Equal(2, dryRun.Removed.Count);
        Assert.Equal(blobsBefore, Directory.EnumerateFiles(Path.Combine(server.Data.Path, "blobs"), "*", SearchOption.AllDirectories).Count());

        var run = await collector.RunAsync(dryRun: false, CancellationToken.None);
        Assert.Equal(dryRun.Removed.Select(b => b.Digest), run.Removed.Select(b => b.Digest));
        Assert.Equal(blobsBefore - 2, Directory.EnumerateFiles(Path.Combine(server.Data.Path, "blobs"), "*", SearchOption.AllDirectories).Count());

        // Every blob the remaining image references still pulls.
        using var manifest = await server.Client.GetManifestAsync("team/app", "kept");
        Assert.Equal(kept, await manifest.Content.ReadAsByteArrayAsync());
        using var document = System.Text.Json.JsonDocument.Parse(kept);
        var digests = document.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString())
            .Append(document.RootElement.GetProperty("config").GetProperty("digest").GetString());
        foreach (var digest in digests)
        {
            using var blob = await server.Client.GetAsync($"/v2/team/app/blobs/{digest}");
            Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        }
    }

    /// <summary>Sends its bytes, signals, then never ends (until the connection is torn down).</summary>
    private sealed class StallingStream(byte[] content) : Stream
    {
        private readonly CancellationTokenSource _abort = new();
        private int _position;

        public void Abort() => _abort.Cancel();

        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < content.Length)
            {
                var n = Math.Min(buffer.Length, content.Length - _position);
                content.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            HalfSent.TrySetResult();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
            await Task.Delay(Timeout.Infinite, linked.Token);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
