using System.Collections.Concurrent;
using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>
/// Keeps manifests (immutable by digest) and tag → digest resolutions in memory in front of another
/// <see cref="IRegistryStore"/>, so a manifest GET does not touch the database. Valid when this process makes
/// every manifest and tag change (the embedded SQLite deployment); a shared database across replicas must not
/// be wrapped. A read fills the cache only if no manifest or tag change happened while it ran, so a slow read
/// never puts back what a concurrent write replaced. What it keeps is bounded in bytes (<paramref name="capacityBytes"/>,
/// manifest content plus an estimate of the record around it) and in entries (<paramref name="capacity"/>): anonymous
/// GETs of many large manifests must not grow the process without limit.
/// </summary>
public sealed class CachingRegistryStore(IRegistryStore inner, long capacityBytes = CachingRegistryStore.DefaultCapacityBytes, int capacity = 20_000)
    : IRegistryStore
{
    /// <summary>The default byte budget, 64 MiB: thousands of ordinary manifests, or sixteen of the largest accepted.</summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;

    // What a record costs besides its content and strings: the record, the array header, the dictionary entry.
    private const int RecordOverheadBytes = 256;

    private readonly ConcurrentDictionary<(string Repository, Digest Digest), ManifestRecord> _manifests = new();
    private readonly ConcurrentDictionary<(string Repository, string Tag), Digest> _tags = new();
    private readonly Lock _gate = new();
    private long _version;
    private long _bytes;

    /// <summary>The bytes the cached manifests account for now (at most the byte budget).</summary>
    public long CachedBytes => Volatile.Read(ref _bytes);

    /// <summary>How many manifests are cached now.</summary>
    public int CachedManifests => _manifests.Count;

    /// <inheritdoc/>
    public async Task<ManifestRecord?> GetManifestAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        if (_manifests.TryGetValue((repository, digest), out var cached))
        {
            return cached;
        }

        var version = Volatile.Read(ref _version);
        var manifest = await inner.GetManifestAsync(repository, digest, cancellationToken);
        if (manifest is not null)
        {
            Fill(version, repository, digest, manifest, tag: null);
        }

        return manifest;
    }

    /// <inheritdoc/>
    public async Task<ManifestRecord?> GetManifestByTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        if (_tags.TryGetValue((repository, tag), out var digest) && _manifests.TryGetValue((repository, digest), out var cached))
        {
            return cached;
        }

        var version = Volatile.Read(ref _version);
        var manifest = await inner.GetManifestByTagAsync(repository, tag, cancellationToken);
        if (manifest is not null)
        {
            Fill(version, repository, manifest.Digest, manifest, tag);
        }

        return manifest;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Digest>> PutManifestAsync(ManifestRecord manifest, IReadOnlyList<ManifestReferenceRecord> references, string? tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var missing = await inner.PutManifestAsync(manifest, references, tag, cancellationToken);
        if (missing.Count == 0)
        {
            Change(() =>
            {
                if (tag is not null)
                {
                    _tags[(manifest.Repository, tag)] = manifest.Digest;
                }
            });
        }

        return missing;
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteManifestAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteManifestAsync(repository, digest, cancellationToken);
        Change(() =>
        {
            if (_manifests.TryRemove((repository, digest), out var removed))
            {
                _bytes -= SizeOf(removed);
            }

            foreach (var entry in _tags.Where(t => t.Key.Repository == repository && t.Value == digest))
            {
                _tags.TryRemove(entry.Key, out _);
            }
        });
        return deleted;
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteTagAsync(repository, tag, cancellationToken);
        Change(() => _tags.TryRemove((repository, tag), out _));
        return deleted;
    }

    /// <inheritdoc/>
    public Task<NamespaceRecord?> GetNamespaceAsync(string name, CancellationToken cancellationToken) => inner.GetNamespaceAsync(name, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<NamespaceRecord>> ListNamespacesAsync(CancellationToken cancellationToken) => inner.ListNamespacesAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<bool> CreateNamespaceAsync(string name, string settingsJson, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        inner.CreateNamespaceAsync(name, settingsJson, createdAt, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> EnsureRepositoryAsync(string repository, string namespaceName, bool createNamespace, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.EnsureRepositoryAsync(repository, namespaceName, createNamespace, now, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RepositoryExistsAsync(string repository, CancellationToken cancellationToken) => inner.RepositoryExistsAsync(repository, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListRepositoriesAsync(string? last, int limit, CancellationToken cancellationToken) =>
        inner.ListRepositoriesAsync(last, limit, cancellationToken);

    /// <inheritdoc/>
    public Task LinkBlobAsync(string repository, Digest digest, long size, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.LinkBlobAsync(repository, digest, size, now, cancellationToken);

    /// <inheritdoc/>
    public Task<long?> GetLinkedBlobSizeAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
        inner.GetLinkedBlobSizeAsync(repository, digest, cancellationToken);

    /// <inheritdoc/>
    public Task<long> GetNamespaceStorageBytesAsync(string name, CancellationToken cancellationToken) =>
        inner.GetNamespaceStorageBytesAsync(name, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> UnlinkBlobAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
        inner.UnlinkBlobAsync(repository, digest, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Digest>> FindMissingAsync(string repository, IReadOnlyCollection<ManifestReferenceRecord> references, CancellationToken cancellationToken) =>
        inner.FindMissingAsync(repository, references, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>?> ListTagsAsync(string repository, string? last, int limit, CancellationToken cancellationToken) =>
        inner.ListTagsAsync(repository, last, limit, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(string repository, Digest subject, string? artifactType, CancellationToken cancellationToken) =>
        inner.ListReferrersAsync(repository, subject, artifactType, cancellationToken);

    /// <inheritdoc/>
    public Task CreateUploadAsync(UploadSession session, CancellationToken cancellationToken) => inner.CreateUploadAsync(session, cancellationToken);

    /// <inheritdoc/>
    public Task<UploadSession?> GetUploadAsync(string id, CancellationToken cancellationToken) => inner.GetUploadAsync(id, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteUploadAsync(string id, CancellationToken cancellationToken) => inner.DeleteUploadAsync(id, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<UploadSession>> ListUploadsAsync(CancellationToken cancellationToken) => inner.ListUploadsAsync(cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<Digest> EnumerateReferencedBlobsAsync(CancellationToken cancellationToken) => inner.EnumerateReferencedBlobsAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<bool> ForgetUnreferencedBlobAsync(Digest digest, DateTimeOffset linkedBefore, CancellationToken cancellationToken) =>
        inner.ForgetUnreferencedBlobAsync(digest, linkedBefore, cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> DeleteRepositoryAsync(string repository, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteRepositoryAsync(repository, cancellationToken);
        Change(() => ForgetRepository(repository));
        return deleted;
    }

    /// <inheritdoc/>
    public async Task<NamespaceDeletion> DeleteNamespaceAsync(string name, bool force, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteNamespaceAsync(name, force, cancellationToken);
        Change(() =>
        {
            foreach (var repository in _manifests.Keys.Select(k => k.Repository).Concat(_tags.Keys.Select(k => k.Repository))
                .Where(r => r.StartsWith(name + "/", StringComparison.Ordinal)).Distinct().ToList())
            {
                ForgetRepository(repository);
            }
        });
        return deleted;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Digest>> DeleteTagAndOrphansAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        var removed = await inner.DeleteTagAndOrphansAsync(repository, tag, cancellationToken);
        Change(() =>
        {
            _tags.TryRemove((repository, tag), out _);
            foreach (var digest in removed)
            {
                _manifests.TryRemove((repository, digest), out _);
            }
        });
        return removed;
    }

    private void ForgetRepository(string repository)
    {
        foreach (var key in _manifests.Keys.Where(k => k.Repository == repository))
        {
            _manifests.TryRemove(key, out _);
        }

        foreach (var key in _tags.Keys.Where(k => k.Repository == repository))
        {
            _tags.TryRemove(key, out _);
        }
    }

    private void Fill(long versionBeforeRead, string repository, Digest digest, ManifestRecord manifest, string? tag)
    {
        // One manifest larger than an eighth of the budget is served from the store each time rather than
        // emptying the cache of everything else.
        var size = SizeOf(manifest);
        if (size > capacityBytes / 8)
        {
            return;
        }

        lock (_gate)
        {
            if (_version != versionBeforeRead)
            {
                return;
            }

            if (_manifests.Count >= capacity || _tags.Count >= capacity || _bytes + size > capacityBytes)
            {
                _manifests.Clear();
                _tags.Clear();
                _bytes = 0;
            }

            if (_manifests.TryAdd((repository, digest), manifest))
            {
                _bytes += size;
            }

            if (tag is not null)
            {
                _tags.TryAdd((repository, tag), digest);
            }
        }
    }

    private static long SizeOf(ManifestRecord manifest) =>
        manifest.Content.Length + (2L * (manifest.Repository.Length + manifest.MediaType.Length + (manifest.ArtifactType?.Length ?? 0)
                                         + (manifest.AnnotationsJson?.Length ?? 0))) + RecordOverheadBytes;

    private void Change(Action change)
    {
        lock (_gate)
        {
            _version++;
            change();
        }
    }
}
