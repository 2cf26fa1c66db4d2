using System.IO.Pipelines;
using System.Security.Cryptography;
using Drydock.Oci;
using Drydock.Registry.Storage;
using Drydock.Registry.Storage.FileSystem;
using Drydock.Testing;

namespace Drydock.Registry.Tests.Storage.FileSystem;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-blobs");
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreTests() => _store = new FileSystemBlobStore(_directory.Path, TimeProvider.System);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CommitUploadAsync_MatchingDigest_BlobAppearsAtContentAddressedPath()
    {
        var content = RandomBytes(100_000);
        var digest = Digest.Compute(content);
        await _store.CreateUploadAsync("u1", CancellationToken.None);
        await _store.AppendUploadAsync("u1", PipeReader.Create(new MemoryStream(content[..40_000])), CancellationToken.None);
        Assert.Null(await _store.StatAsync(digest, CancellationToken.None));
        await _store.AppendUploadAsync("u1", PipeReader.Create(new MemoryStream(content[40_000..])), CancellationToken.None);

        var result = await _store.CommitUploadAsync("u1", digest, CancellationToken.None);

        Assert.Equal(BlobCommitStatus.Committed, result.Status);
        var path = Path.Combine(_directory.Path, "blobs", "sha256", digest.Hex[..2], digest.Hex);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.True(_store.TryGetPhysicalPath(digest, out var physical));
        Assert.Equal(path, physical);
        Assert.Null(await _store.GetUploadAsync("u1", CancellationToken.None));
    }

    [Fact]
    public async Task AppendUploadAsync_BodyInManySmallSegments_StoresAndHashesEveryByte()
    {
        // As a server delivers a request body: 4 KiB buffers, flushed one by one, ending off a buffer boundary.
        var content = RandomBytes((1 << 20) + 5_001);
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 4096, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var writing = Task.Run(async () =>
        {
            for (var offset = 0; offset < content.Length; offset += 4096)
            {
                await pipe.Writer.WriteAsync(content.AsMemory(offset, Math.Min(4096, content.Length - offset)));
            }

            await pipe.Writer.CompleteAsync();
        });
        await _store.CreateUploadAsync("segments", CancellationToken.None);

        var length = await _store.AppendUploadAsync("segments", pipe.Reader, CancellationToken.None);
        await writing;
        var result = await _store.CommitUploadAsync("segments", Digest.Parse("sha256:" + Convert.ToHexStringLower(SHA256.HashData(content))), CancellationToken.None);

        Assert.Equal(content.Length, length);
        Assert.Equal(BlobCommitStatus.Committed, result.Status);
        Assert.True(_store.TryGetPhysicalPath(result.Blob!.Digest, out var path));
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task CommitUploadAsync_Mismatch_NothingVisibleAndStagingGone()
    {
        var content = RandomBytes(1000);
        var wrong = Digest.Compute([1, 2, 3]);
        await _store.CreateUploadAsync("u2", CancellationToken.None);
        await _store.AppendUploadAsync("u2", PipeReader.Create(new MemoryStream(content)), CancellationToken.None);

        var result = await _store.CommitUploadAsync("u2", wrong, CancellationToken.None);

        Assert.Equal(BlobCommitStatus.DigestMismatch, result.Status);
        Assert.Equal(Digest.Compute(content), result.ActualDigest);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_directory.Path, "blobs"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_directory.Path, "uploads")));
    }

    [Fact]
    public async Task CommitUploadAsync_Sha512_VerifiesWithSha512()
    {
        var content = RandomBytes(5000);
        Assert.True(Digest.TryParse("sha512:" + Convert.ToHexStringLower(SHA512.HashData(content)), out var digest));
        await _store.CreateUploadAsync("u3", CancellationToken.None);
        await _store.AppendUploadAsync("u3", PipeReader.Create(new MemoryStream(content)), CancellationToken.None);

        var result = await _store.CommitUploadAsync("u3", digest, CancellationToken.None);

        Assert.Equal(BlobCommitStatus.Committed, result.Status);
        Assert.True(File.Exists(Path.Combine(_directory.Path, "blobs", "sha512", digest.Hex[..2], digest.Hex)));
    }

    [Fact]
    public async Task CommitUploadAsync_StoreReopened_RehashesFromDisk()
    {
        // A new store instance has no running hash: the upload is verified by reading it back.
        var content = RandomBytes(3000);
        await _store.CreateUploadAsync("u4", CancellationToken.None);
        await _store.AppendUploadAsync("u4", PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
        var reopened = new FileSystemBlobStore(_directory.Path, TimeProvider.System);

        var result = await reopened.CommitUploadAsync("u4", Digest.Compute(content), CancellationToken.None);

        Assert.Equal(BlobCommitStatus.Committed, result.Status);
    }

    [Fact]
    public async Task CommitUploadAsync_SameBlobTwice_BothCommitAndContentIsIntact()
    {
        var content = RandomBytes(2000);
        var digest = Digest.Compute(content);
        foreach (var id in new[] { "a", "b" })
        {
            await _store.CreateUploadAsync(id, CancellationToken.None);
            await _store.AppendUploadAsync(id, PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
        }

        var results = await Task.WhenAll(
            _store.CommitUploadAsync("a", digest, CancellationToken.None).AsTask(),
            _store.CommitUploadAsync("b", digest, CancellationToken.None).AsTask());

        Assert.All(results, r => Assert.Equal(BlobCommitStatus.Committed, r.Status));
        await using var stream = (await _store.OpenReadAsync(digest, CancellationToken.None))!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task CommitUploadAsync_UnknownUpload_ReturnsUploadUnknown()
    {
        var result = await _store.CommitUploadAsync("nope", Digest.Compute([1]), CancellationToken.None);

        Assert.Equal(BlobCommitStatus.UploadUnknown, result.Status);
    }

    [Fact]
    public async Task EnumerateAsync_CommittedBlobs_ListsEachWithSize()
    {
        var first = RandomBytes(10);
        var second = RandomBytes(20);
        foreach (var (id, content) in new[] { ("x", first), ("y", second) })
        {
            await _store.CreateUploadAsync(id, CancellationToken.None);
            await _store.AppendUploadAsync(id, PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
            await _store.CommitUploadAsync(id, Digest.Compute(content), CancellationToken.None);
        }

        var listed = new List<BlobInfo>();
        await foreach (var blob in _store.EnumerateAsync(CancellationToken.None))
        {
            listed.Add(blob);
        }

        Assert.Equal(
            new[] { (Digest.Compute(first), 10L), (Digest.Compute(second), 20L) }.OrderBy(x => x.Item1.Hex),
            listed.Select(b => (b.Digest, b.Size)).OrderBy(x => x.Digest.Hex));
    }

    [Fact]
    public async Task DeleteAsync_Blob_RemovesIt()
    {
        var content = RandomBytes(10);
        var digest = Digest.Compute(content);
        await _store.CreateUploadAsync("d", CancellationToken.None);
        await _store.AppendUploadAsync("d", PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
        await _store.CommitUploadAsync("d", digest, CancellationToken.None);

        Assert.True(await _store.DeleteAsync(digest, CancellationToken.None));
        Assert.False(await _store.DeleteAsync(digest, CancellationToken.None));
        Assert.Null(await _store.OpenReadAsync(digest, CancellationToken.None));
    }

    [Fact]
    public async Task CreateUploadAsync_IdWithPathCharacters_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateUploadAsync("../escape", CancellationToken.None).AsTask());
        Assert.Null(await _store.GetUploadAsync("../escape", CancellationToken.None));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
