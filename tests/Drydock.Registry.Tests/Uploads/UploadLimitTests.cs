using System.IO.Pipelines;
using Drydock.Oci;
using Drydock.Registry.Names;
using Drydock.Testing;

namespace Drydock.Registry.Tests.Uploads;

/// <summary>Upload hygiene: a size limit per upload, and no staged bytes left behind by a refused or broken upload.</summary>
public sealed class UploadLimitTests
{
    private const long Limit = 1L << 20;

    private static readonly RepositoryName Repository = RepositoryName.TryParse("team/app", out var name) ? name : throw new InvalidOperationException();

    [Fact]
    public async Task AppendAsync_EndlessChunkedBody_StopsAtTheLimitWithSizeInvalidAndDiscardsTheBytes()
    {
        using var harness = await RegistryHarness.CreateAsync(new RegistryOptions { MaxUploadBytes = Limit });
        var upload = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;
        // 3 GiB offered with no Content-Length, as an endless chunked PATCH sends it.
        var body = new PatternStream("layer bytes ", 3L << 30);

        var result = await harness.Uploads.AppendAsync(Repository, upload.Id, null, null, PipeReader.Create(body), CancellationToken.None);

        Assert.Equal("SIZE_INVALID", result.Error!.Code.Code);
        Assert.Contains($"larger than {Limit} bytes", result.Error.Message, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, Limit, Limit + (1 << 20));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(harness.Directory.Path, "uploads")));
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", (await harness.Uploads.GetStatusAsync(Repository, upload.Id, CancellationToken.None)).Error!.Code.Code);
    }

    [Fact]
    public async Task AppendAsync_DeclaredLengthPastTheLimit_RefusedWithoutReadingTheBody()
    {
        using var harness = await RegistryHarness.CreateAsync(new RegistryOptions { MaxUploadBytes = Limit });
        var upload = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;
        var body = new PatternStream("x", Limit + 1);

        var result = await harness.Uploads.AppendAsync(Repository, upload.Id, null, Limit + 1, PipeReader.Create(body), CancellationToken.None);

        Assert.Equal("SIZE_INVALID", result.Error!.Code.Code);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task AppendAsync_ChunksSummingPastTheLimit_SecondChunkRefused()
    {
        using var harness = await RegistryHarness.CreateAsync(new RegistryOptions { MaxUploadBytes = Limit });
        var upload = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;
        var half = Limit / 2 + 1;

        var first = await harness.Uploads.AppendAsync(Repository, upload.Id, null, null, PipeReader.Create(new PatternStream("x", half)), CancellationToken.None);
        var second = await harness.Uploads.AppendAsync(Repository, upload.Id, null, null, PipeReader.Create(new PatternStream("x", half)), CancellationToken.None);

        Assert.Equal(half, first.Value!.Length);
        Assert.Equal("SIZE_INVALID", second.Error!.Code.Code);
    }

    [Fact]
    public async Task AppendAsync_UploadOfExactlyTheLimit_Completes()
    {
        using var harness = await RegistryHarness.CreateAsync(new RegistryOptions { MaxUploadBytes = Limit });
        var content = new byte[Limit];
        content[^1] = 7;

        var blob = await harness.Uploads.UploadMonolithicAsync(Repository, Digest.Compute(content).ToString(), null, PipeReader.Create(new MemoryStream(content)), CancellationToken.None);

        Assert.True(blob.Succeeded);
        Assert.Equal(Limit, blob.Value!.Size);
    }

    [Fact]
    public async Task UploadMonolithicAsync_ClientGoneMidBody_LeavesNoStagedBytesOrSession()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var body = new BrokenStream(new PatternStream("x", 64L << 20), breakAfter: 8L << 20);

        await Assert.ThrowsAsync<IOException>(() => harness.Uploads.UploadMonolithicAsync(
            Repository, Digest.Compute([1]).ToString(), 64L << 20, PipeReader.Create(body), CancellationToken.None));

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(harness.Directory.Path, "uploads")));
        Assert.Empty(await harness.Store.ListUploadsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CleanUpAsync_SessionIdleForAQuarterHourWithDefaultOptions_Removed()
    {
        // Abandoned sessions (5,000 anonymous ones held 3.4 GB) must go within minutes, not a day.
        using var harness = await RegistryHarness.CreateAsync();
        var upload = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;
        await harness.Uploads.AppendAsync(Repository, upload.Id, null, null, PipeReader.Create(new PatternStream("x", 4096)), CancellationToken.None);
        harness.Clock.Offset = TimeSpan.FromMinutes(15);

        var removed = await harness.Uploads.CleanUpAsync(TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(harness.Directory.Path, "uploads")));
    }

    [Fact]
    public async Task AppendAsync_BlobPastTheNamespaceQuota_DeniedAndDiscardedWhileABlobThatFitsIsKept()
    {
        using var harness = await RegistryHarness.CreateAsync();
        Assert.True(await harness.Namespaces.CreateAsync("team", """{"storageQuotaBytes": 1048576}""", CancellationToken.None));
        var first = new byte[600_000];
        var second = new byte[600_000];
        second[0] = 1;

        var kept = await harness.Uploads.UploadMonolithicAsync(Repository, Digest.Compute(first).ToString(), null, PipeReader.Create(new MemoryStream(first)), CancellationToken.None);
        var upload = (await harness.Uploads.StartAsync(Name("team/other"), CancellationToken.None)).Value!;
        var refused = await harness.Uploads.AppendAsync(Name("team/other"), upload.Id, null, null, PipeReader.Create(new MemoryStream(second)), CancellationToken.None);

        Assert.True(kept.Succeeded);
        Assert.Equal("DENIED", refused.Error!.Code.Code);
        Assert.Contains("namespace 'team' holds 600000 of its 1048576 bytes (storageQuotaBytes)", refused.Error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(harness.Directory.Path, "uploads")));
        Assert.Equal(600_000, await harness.Store.GetNamespaceStorageBytesAsync("team", CancellationToken.None));
    }

    [Fact]
    public async Task UploadMonolithicAsync_DeclaredLengthPastTheQuota_DeniedWithoutReadingTheBody()
    {
        using var harness = await RegistryHarness.CreateAsync();
        Assert.True(await harness.Namespaces.CreateAsync("team", """{"storageQuotaBytes": 1000}""", CancellationToken.None));
        var body = new PatternStream("x", 1001);

        var refused = await harness.Uploads.UploadMonolithicAsync(Repository, Digest.Compute([1]).ToString(), 1001, PipeReader.Create(body), CancellationToken.None);

        Assert.Equal("DENIED", refused.Error!.Code.Code);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task GetNamespaceStorageBytesAsync_BlobInTwoRepositoriesOfTheNamespace_CountedOnce()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var content = new byte[1234];
        var digest = Digest.Compute(content).ToString();
        await harness.Uploads.UploadMonolithicAsync(Repository, digest, null, PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
        await harness.Uploads.UploadMonolithicAsync(Name("team/b"), digest, null, PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
        await harness.Uploads.UploadMonolithicAsync(Name("elsewhere/c"), Digest.Compute([5]).ToString(), null, PipeReader.Create(new MemoryStream([5])), CancellationToken.None);

        Assert.Equal(1234, await harness.Store.GetNamespaceStorageBytesAsync("team", CancellationToken.None));
    }

    private static RepositoryName Name(string value) => RepositoryName.TryParse(value, out var name) ? name : throw new ArgumentException(value);

    /// <summary>A body whose connection drops after some bytes, as a client killed mid-push leaves it.</summary>
    private sealed class BrokenStream(Stream inner, long breakAfter) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= breakAfter)
            {
                throw new IOException("The client reset the connection.");
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, breakAfter - _read));
            _read += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
