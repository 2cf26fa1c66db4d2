using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>
/// Registry metadata (the port SQLite or PostgreSQL implements): namespaces, repositories, which blobs each
/// repository has, manifests with their raw bytes, tags, references, referrers and upload sessions.
/// Every write is idempotent, so that clients pushing the same content at the same time all succeed.
/// </summary>
public interface IRegistryStore
{
    Task<NamespaceRecord?> GetNamespaceAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<NamespaceRecord>> ListNamespacesAsync(CancellationToken cancellationToken);

    /// <summary>Creates a namespace; false when it already exists.</summary>
    Task<bool> CreateNamespaceAsync(string name, string settingsJson, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the repository when it does not exist. When <paramref name="createNamespace"/> is false and the
    /// namespace does not exist, nothing is created and the result is false.
    /// </summary>
    Task<bool> EnsureRepositoryAsync(string repository, string namespaceName, bool createNamespace, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> RepositoryExistsAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Repository names that have at least one manifest, in lexical order, after <paramref name="last"/>.</summary>
    Task<IReadOnlyList<string>> ListRepositoriesAsync(string? last, int limit, CancellationToken cancellationToken);

    /// <summary>Records that the repository has the blob (the blob is already in the blob store).</summary>
    Task LinkBlobAsync(string repository, Digest digest, long size, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The blob's size when the repository has it; null otherwise.</summary>
    Task<long?> GetLinkedBlobSizeAsync(string repository, Digest digest, CancellationToken cancellationToken);

    /// <summary>The bytes a namespace holds: the sizes of the distinct blobs linked to any of its repositories.</summary>
    Task<long> GetNamespaceStorageBytesAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes the blob from the repository; false when the repository did not have it.</summary>
    Task<bool> UnlinkBlobAsync(string repository, Digest digest, CancellationToken cancellationToken);

    /// <summary>Those of the <paramref name="references"/> the repository has neither as a blob nor as a manifest.</summary>
    Task<IReadOnlyList<Digest>> FindMissingAsync(string repository, IReadOnlyCollection<ManifestReferenceRecord> references, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a manifest with its references and, when given, points the tag at it, in one transaction. In the
    /// same transaction it checks that the repository still has every referenced blob and child manifest (garbage
    /// collection may have forgotten one since the caller looked); when one is missing nothing is stored and the
    /// missing digests are returned.
    /// </summary>
    Task<IReadOnlyList<Digest>> PutManifestAsync(ManifestRecord manifest, IReadOnlyList<ManifestReferenceRecord> references, string? tag, CancellationToken cancellationToken);

    Task<ManifestRecord?> GetManifestAsync(string repository, Digest digest, CancellationToken cancellationToken);

    Task<ManifestRecord?> GetManifestByTagAsync(string repository, string tag, CancellationToken cancellationToken);

    /// <summary>Deletes a manifest, its references and every tag pointing at it; false when there was none.</summary>
    Task<bool> DeleteManifestAsync(string repository, Digest digest, CancellationToken cancellationToken);

    /// <summary>Tags of the repository in lexical order after <paramref name="last"/>; null when the repository does not exist.</summary>
    Task<IReadOnlyList<string>?> ListTagsAsync(string repository, string? last, int limit, CancellationToken cancellationToken);

    /// <summary>Removes a tag (the manifest stays); false when there was none.</summary>
    Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken);

    /// <summary>Manifests in the repository whose subject is <paramref name="subject"/>, optionally of one artifact type.</summary>
    Task<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(string repository, Digest subject, string? artifactType, CancellationToken cancellationToken);

    Task CreateUploadAsync(UploadSession session, CancellationToken cancellationToken);

    Task<UploadSession?> GetUploadAsync(string id, CancellationToken cancellationToken);

    Task DeleteUploadAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<UploadSession>> ListUploadsAsync(CancellationToken cancellationToken);

    /// <summary>Every blob digest any manifest in any repository references (the mark phase of garbage collection).</summary>
    IAsyncEnumerable<Digest> EnumerateReferencedBlobsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a blob everywhere unless a manifest references it or a repository was linked to it after
    /// <paramref name="linkedBefore"/> (a push in progress); true when it was forgotten. Garbage collection calls this
    /// right before deleting the file, so a manifest pushed since the mark phase keeps its blob.
    /// </summary>
    Task<bool> ForgetUnreferencedBlobAsync(Digest digest, DateTimeOffset linkedBefore, CancellationToken cancellationToken);

    /// <summary>Deletes a repository with its manifests, tags, blob links, scan results and pull statistics; false when there was none.</summary>
    Task<bool> DeleteRepositoryAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Deletes an empty namespace, or with <paramref name="force"/> one with its repositories (as <see cref="DeleteRepositoryAsync"/>).</summary>
    Task<NamespaceDeletion> DeleteNamespaceAsync(string name, bool force, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a tag and then every manifest left unreachable by it: the tag's manifest when no other tag names it and
    /// no index lists it, then in turn its child manifests and its referrers under the same conditions. Returns the
    /// manifests removed; their blobs are left to garbage collection.
    /// </summary>
    Task<IReadOnlyList<Digest>> DeleteTagAndOrphansAsync(string repository, string tag, CancellationToken cancellationToken);
}
