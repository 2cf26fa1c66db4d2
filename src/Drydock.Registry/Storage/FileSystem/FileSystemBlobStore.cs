using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Drydock.Oci;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Registry.Storage.FileSystem;

/// <summary>
/// Blobs as files under one root directory. The layout (the only place that builds these paths):
/// <code>
/// &lt;root&gt;/
///   blobs/
///     sha256/ab/abcdef0123…      a committed blob, named by its digest, never rewritten
///     sha512/0f/0f1e2d…
///   uploads/
///     &lt;upload id&gt;             bytes of an unfinished upload
/// </code>
/// A blob file appears only by an atomic rename of a staged file that was flushed to disk and hashed to
/// the expected digest, so a crash leaves at most a staged file, never a partial blob.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const int CopyBufferSize = 1 << 20;

    // Upload bodies arrive in 4 KiB server buffers; writing once per 256 KiB keeps the number of syscalls low.
    private const int MinimumWriteBytes = 256 * 1024;

    // Hash state of uploads written by this process, so that committing a sha256 upload does not read it back.
    private readonly ConcurrentDictionary<string, UploadHash> _hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _durableDirectories = new(StringComparer.Ordinal);
    private readonly string _blobsRoot;
    private readonly string _uploadsRoot;
    private readonly TimeProvider _timeProvider;

    public FileSystemBlobStore(string root, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = Path.GetFullPath(root);
        _blobsRoot = Path.Combine(Root, "blobs");
        _uploadsRoot = Path.Combine(Root, "uploads");
        _timeProvider = timeProvider;
        Directory.CreateDirectory(_blobsRoot);
        Directory.CreateDirectory(_uploadsRoot);
    }

    /// <summary>The directory holding <c>blobs/</c> and <c>uploads/</c>.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public ValueTask<BlobInfo?> StatAsync(Digest digest, CancellationToken cancellationToken)
    {
        var file = new FileInfo(BlobPath(digest));
        return ValueTask.FromResult(file.Exists ? new BlobInfo(digest, file.Length, file.LastWriteTimeUtc) : null);
    }

    /// <inheritdoc/>
    public ValueTask<Stream?> OpenReadAsync(Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(BlobPath(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return ValueTask.FromResult<Stream?>(stream);
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return ValueTask.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc/>
    public bool TryGetPhysicalPath(Digest digest, [NotNullWhen(true)] out string? path)
    {
        path = BlobPath(digest);
        return true;
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(Digest digest, CancellationToken cancellationToken)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            return ValueTask.FromResult(false);
        }

        File.Delete(path);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<BlobInfo> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var algorithm in new[] { Digest.Sha256, Digest.Sha512 })
        {
            var dir = new DirectoryInfo(Path.Combine(_blobsRoot, algorithm));
            if (!dir.Exists)
            {
                continue;
            }

            foreach (var file in dir.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Digest.TryParse($"{algorithm}:{file.Name}", out var digest))
                {
                    yield return new BlobInfo(digest, file.Length, file.LastWriteTimeUtc);
                }
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask CreateUploadAsync(string uploadId, CancellationToken cancellationToken)
    {
        var path = UploadPath(uploadId);
        using (new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
        }

        _hashes[uploadId] = new UploadHash();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<StagedUpload?> GetUploadAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (!IsValidUploadId(uploadId))
        {
            return ValueTask.FromResult<StagedUpload?>(null);
        }

        var file = new FileInfo(UploadPath(uploadId));
        return ValueTask.FromResult(file.Exists ? new StagedUpload(uploadId, file.Length, file.LastWriteTimeUtc) : null);
    }

    /// <inheritdoc/>
    public async ValueTask<long> AppendUploadAsync(string uploadId, PipeReader content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = UploadPath(uploadId);
        var hash = _hashes.GetOrAdd(uploadId, static _ => new UploadHash { Valid = false });
        await hash.Lock.WaitAsync(cancellationToken);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            var length = RandomAccess.GetLength(file);
            hash.Valid &= hash.Offset == length;
            var segments = new List<ReadOnlyMemory<byte>>();
            try
            {
                while (true)
                {
                    var read = await content.ReadAsync(cancellationToken);
                    var buffer = read.Buffer;
                    if (buffer.Length < MinimumWriteBytes && !read.IsCompleted)
                    {
                        // Let the body accumulate (the server buffers up to 1 MiB) so that one write covers many segments.
                        content.AdvanceTo(buffer.Start, buffer.End);
                        continue;
                    }

                    if (!buffer.IsEmpty)
                    {
                        WriteAndHash(file, buffer, length, hash, segments);
                        length += buffer.Length;
                        hash.Offset = length;
                    }

                    content.AdvanceTo(buffer.End);
                    if (read.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch
            {
                // Part of the chunk may be on disk: the running hash no longer describes the file.
                hash.Valid = false;
                throw;
            }

            return length;
        }
        catch (FileNotFoundException)
        {
            throw new InvalidOperationException($"There is no staged upload '{uploadId}'.");
        }
        finally
        {
            hash.Lock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<BlobCommitResult> CommitUploadAsync(string uploadId, Digest expected, CancellationToken cancellationToken)
    {
        var path = UploadPath(uploadId);
        if (!File.Exists(path))
        {
            return new BlobCommitResult(BlobCommitStatus.UploadUnknown, null, null);
        }

        _hashes.TryRemove(uploadId, out var hash);
        long size;
        Digest actual;
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, FileOptions.SequentialScan))
        {
            // The bytes must be on disk before the rename makes them visible.
            RandomAccess.FlushToDisk(file);
            size = RandomAccess.GetLength(file);
            if (hash is { Valid: true } && hash.Offset == size && expected.Algorithm == Digest.Sha256)
            {
                actual = Digest.FromHash(Digest.Sha256, hash.Sha256.GetHashAndReset());
            }
            else
            {
                using var algorithm = Digest.CreateHash(expected.Algorithm);
                actual = await HashAsync(file, algorithm, expected.Algorithm, cancellationToken);
            }
        }

        hash?.Dispose();
        if (actual != expected)
        {
            File.Delete(path);
            return new BlobCommitResult(BlobCommitStatus.DigestMismatch, null, actual);
        }

        var target = BlobPath(expected);
        var directory = EnsureDurableDirectory(Path.GetDirectoryName(target)!);

        // Same content under the same name: when another upload of this blob won the race, replacing it is harmless.
        File.Move(path, target, overwrite: true);

        // The rename lives in the directory: until the directory is on disk too, a power loss can undo the commit.
        DirectorySync.Flush(directory);
        return new BlobCommitResult(BlobCommitStatus.Committed, new BlobInfo(expected, size, _timeProvider.GetUtcNow()), actual);
    }

    /// <inheritdoc/>
    public ValueTask DeleteUploadAsync(string uploadId, CancellationToken cancellationToken)
    {
        if (_hashes.TryRemove(uploadId, out var hash))
        {
            hash.Dispose();
        }

        if (IsValidUploadId(uploadId))
        {
            File.Delete(UploadPath(uploadId));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StagedUpload> EnumerateUploadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var file in new DirectoryInfo(_uploadsRoot).EnumerateFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StagedUpload(file.Name, file.Length, file.LastWriteTimeUtc);
        }
    }

    private static async Task<Digest> HashAsync(SafeFileHandle file, IncrementalHash algorithm, string algorithmName, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long offset = 0;
            int read;
            while ((read = await RandomAccess.ReadAsync(file, buffer, offset, cancellationToken)) > 0)
            {
                algorithm.AppendData(buffer, 0, read);
                offset += read;
            }

            return Digest.FromHash(algorithmName, algorithm.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Writes the segments where they are (no copy into a buffer of our own) with one pwritev, and hashes the same
    // segments. A synchronous write: it lands in the page cache, and on Linux an "asynchronous" file write is the same
    // write made on another thread-pool thread, one hop more per chunk.
    private static void WriteAndHash(SafeFileHandle file, ReadOnlySequence<byte> buffer, long offset, UploadHash hash, List<ReadOnlyMemory<byte>> segments)
    {
        if (buffer.IsSingleSegment)
        {
            RandomAccess.Write(file, buffer.FirstSpan, offset);
        }
        else
        {
            segments.Clear();
            foreach (var segment in buffer)
            {
                segments.Add(segment);
            }

            RandomAccess.Write(file, segments, offset);
        }

        if (hash.Valid)
        {
            foreach (var segment in buffer)
            {
                hash.Sha256.AppendData(segment.Span);
            }
        }
    }

    // A shard directory (blobs/sha256/ab) seen for the first time in this process is created and its own entry in the
    // parent made durable once; later commits only flush the shard directory itself.
    private string EnsureDurableDirectory(string directory)
    {
        if (_durableDirectories.ContainsKey(directory))
        {
            return directory;
        }

        Directory.CreateDirectory(directory);
        DirectorySync.Flush(Path.GetDirectoryName(directory)!);
        _durableDirectories.TryAdd(directory, 0);
        return directory;
    }

    private string BlobPath(Digest digest) => Path.Combine(_blobsRoot, digest.Algorithm, digest.Hex[..2], digest.Hex);

    private string UploadPath(string uploadId) =>
        IsValidUploadId(uploadId)
            ? Path.Combine(_uploadsRoot, uploadId)
            : throw new ArgumentException($"'{uploadId}' is not an upload id.", nameof(uploadId));

    // Ids come from URLs: only letters, digits and dashes, so an id can never name a path outside uploads/.
    private static bool IsValidUploadId(string uploadId) =>
        uploadId.Length is > 0 and <= 64 && uploadId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private sealed class UploadHash : IDisposable
    {
        public IncrementalHash Sha256 { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public long Offset { get; set; }

        public bool Valid { get; set; } = true;

        public void Dispose()
        {
            Sha256.Dispose();
            Lock.Dispose();
        }
    }
}
