using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>
/// Content-addressed blob storage (the port a filesystem or object store implements).
/// Uploads are staged under an id and hashed while they stream in; a blob becomes visible only when
/// <see cref="CommitUploadAsync"/> has verified its digest and moved it into place atomically.
/// Which repository may see which blob is not the store's business: that is <see cref="IRegistryStore"/>.
/// </summary>
public interface IBlobStore
{
    /// <summary>The blob's size and age, or null when the store does not have it.</summary>
    ValueTask<BlobInfo?> StatAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>A stream over the blob's bytes, or null when the store does not have it.</summary>
    ValueTask<Stream?> OpenReadAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>
    /// The blob's file on the local disk, when the store keeps one, so the server can let the OS send it.
    /// False for stores without local files (object stores).
    /// </summary>
    bool TryGetPhysicalPath(Digest digest, [NotNullWhen(true)] out string? path);

    /// <summary>Removes a blob; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Every blob in the store (for garbage collection).</summary>
    IAsyncEnumerable<BlobInfo> EnumerateAsync(CancellationToken cancellationToken);

    /// <summary>Creates an empty staged upload.</summary>
    ValueTask CreateUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>The staged upload, or null when there is none with that id.</summary>
    ValueTask<StagedUpload?> GetUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="content"/> (read to its end) to the staged upload, streaming it to storage and hashing
    /// it as it passes. A pipe, so the store can write the request's own buffers without copying them first.
    /// Returns the upload's new length.
    /// </summary>
    ValueTask<long> AppendUploadAsync(string uploadId, PipeReader content, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the staged upload durable, verifies it hashes to <paramref name="expected"/> and moves it into place.
    /// On a mismatch the staged bytes are discarded and nothing becomes visible.
    /// </summary>
    ValueTask<BlobCommitResult> CommitUploadAsync(string uploadId, Digest expected, CancellationToken cancellationToken);

    /// <summary>Discards a staged upload; nothing happens when there is none.</summary>
    ValueTask DeleteUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Every staged upload (for clean-up at start-up and by age).</summary>
    IAsyncEnumerable<StagedUpload> EnumerateUploadsAsync(CancellationToken cancellationToken);
}
