using System.Collections.Concurrent;
using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>
/// Keeps manifests (immutable by digest) and tag → digest resolutions in memory in front of another
/// <see cref="IRegistryStore"/>, so a manifest GET does not touch the database. Valid when this process makes
/// every manifest and tag change (the embedded SQLite deployment); a shared database across replicas must not
/// be wrapped. A read fills the cache only if no manifest or tag change happened while it ran, so a slow read
/// never puts back what a concurrent write replaced.
/// </summary>
public sealed class CachingRegistryStore(IRegistryStore inner, int capacity = 20_000) : IRegistryStore
{
    private readonly ConcurrentDictionary<(string Repository, Digest Digest), ManifestRecord> _manifests = new();
    private readonly ConcurrentDictionary<(string Repository, string Tag), Digest> _tags = new();
    private readonly Lock _gate = new();
    private long _version;

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
            Fill(version, () => _manifests.TryAdd((repository, digest), manifest));
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
            Fill(version, () =>
            {
                _manifests.TryAdd((repository, manifest.Digest), manifest);
                _tags.TryAdd((repository, tag), manifest.Digest);
            });
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
            _manifests.TryRemove((repository, digest), out _);
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

    private void Fill(long versionBeforeRead, Action fill)
    {
        lock (_gate)
        {
            if (_version != versionBeforeRead)
            {
                return;
            }

            if (_manifests.Count >= capacity || _tags.Count >= capacity)
            {
                _manifests.Clear();
                _tags.Clear();
            }

            fill();
        }
    }

    private void Change(Action change)
    {
        lock (_gate)
        {
            _version++;
            change();
        }
    }
}
