using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Drydock.Oci;

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

    // Hash state of uploads written by this process, so that committing a sha256 upload does not read it back.
    private readonly ConcurrentDictionary<string, UploadHash> _hashes = new(StringComparer.Ordinal);
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
    public async ValueTask<long> AppendUploadAsync(string uploadId, Stream content, CancellationToken cancellationToken)
    {
        var path = UploadPath(uploadId);
        var hash = _hashes.GetOrAdd(uploadId, static _ => new UploadHash { Valid = false });
        await hash.Lock.WaitAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
            var length = file.Seek(0, SeekOrigin.End);
            hash.Valid &= hash.Offset == length;
            try
            {
                while (true)
                {
                    var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    if (hash.Valid)
                    {
                        hash.Sha256.AppendData(buffer, 0, read);
                    }

                    length += read;
                    hash.Offset = length;
                    if (read < buffer.Length)
                    {
                        // ReadAtLeast returns fewer bytes than asked only at the end of the body.
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
            ArrayPool<byte>.Shared.Return(buffer);
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
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, CopyBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            // The bytes must be on disk before the rename makes them visible.
            file.Flush(flushToDisk: true);
            size = file.Length;
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
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // Same content under the same name: when another upload of this blob won the race, replacing it is harmless.
        File.Move(path, target, overwrite: true);
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

    private static async Task<Digest> HashAsync(Stream file, IncrementalHash algorithm, string algorithmName, CancellationToken cancellationToken)
    {
        file.Position = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                algorithm.AppendData(buffer, 0, read);
            }

            return Digest.FromHash(algorithmName, algorithm.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
