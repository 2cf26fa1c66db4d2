using System.Diagnostics.CodeAnalysis;
using Drydock.Oci;
using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Blobs;

/// <summary>Blobs as a repository sees them: a blob is visible in a repository only when the repository has it.</summary>
public sealed class BlobService(IRegistryStore store, IBlobStore blobs)
{
    /// <summary>The blob, when the repository has it; BLOB_UNKNOWN otherwise.</summary>
    public async Task<RegistryResult<BlobInfo>> StatAsync(RepositoryName repository, Digest digest, CancellationToken cancellationToken)
    {
        if (await store.GetLinkedBlobSizeAsync(repository.Value, digest, cancellationToken) is null
            || await blobs.StatAsync(digest, cancellationToken) is not { } blob)
        {
            return OciErrorCode.BlobUnknown.With(digest.ToString());
        }

        return blob;
    }

    /// <summary>The file the server can send as it is, when the store keeps blobs as local files.</summary>
    public bool TryGetPhysicalPath(Digest digest, [NotNullWhen(true)] out string? path) => blobs.TryGetPhysicalPath(digest, out path);

    /// <summary>A stream of the blob's bytes, for stores without local files.</summary>
    public ValueTask<Stream?> OpenReadAsync(Digest digest, CancellationToken cancellationToken) => blobs.OpenReadAsync(digest, cancellationToken);

    /// <summary>Removes the blob from the repository. The bytes stay until garbage collection finds nothing referencing them.</summary>
    public async Task<RegistryResult<Digest>> DeleteAsync(RepositoryName repository, Digest digest, CancellationToken cancellationToken) =>
        await store.UnlinkBlobAsync(repository.Value, digest, cancellationToken)
            ? digest
            : OciErrorCode.BlobUnknown.With(digest.ToString());
}
