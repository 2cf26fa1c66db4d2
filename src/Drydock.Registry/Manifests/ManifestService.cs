using Drydock.Oci;
using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Registry.Namespaces;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Manifests;

/// <summary>Manifests by tag or digest: validated on push, served as the exact bytes pushed, deleted by digest; tags deleted by name.</summary>
/// <remarks>
/// The optional <see cref="IManifestPushedListener"/> hears about every stored manifest; the optional <see cref="ITagGuard"/>
/// may refuse moving or deleting an existing tag.
/// </remarks>
public sealed class ManifestService(
    IRegistryStore store,
    NamespaceService namespaces,
    RegistryOptions options,
    TimeProvider timeProvider,
    IManifestPushedListener? pushedListener = null,
    ITagGuard? tagGuard = null)
{
    /// <summary>
    /// Validates and stores a manifest. It is refused when it does not parse (MANIFEST_INVALID), when it names a
    /// blob or child manifest the repository does not have (MANIFEST_BLOB_UNKNOWN), or when pushed by a digest
    /// its bytes do not hash to (DIGEST_INVALID).
    /// </summary>
    public async Task<RegistryResult<PutManifestResult>> PutAsync(
        RepositoryName repository, ManifestReference reference, string? contentType, byte[] content, CancellationToken cancellationToken)
    {
        if (content.Length > options.MaxManifestBytes)
        {
            return OciErrorCode.ManifestInvalid.WithMessage($"manifest is larger than {options.MaxManifestBytes} bytes");
        }

        var parsed = ManifestParser.Parse(contentType, content);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }

        var digest = reference.Digest is { } requested ? requested.ComputeSameAlgorithm(content) : Digest.Compute(content);
        if (reference.Digest is { } expected && expected != digest)
        {
            return OciErrorCode.DigestInvalid.With($"manifest bytes hash to {digest}, not {expected}");
        }

        if (reference.IsTag && await CheckTagChangeAsync(repository, reference.Tag, digest, cancellationToken) is { } refused)
        {
            return refused;
        }

        var ensured = await namespaces.EnsureRepositoryForPushAsync(repository, cancellationToken);
        if (!ensured.Succeeded)
        {
            return ensured.Error;
        }

        var manifest = parsed.Value;
        var record = new ManifestRecord(
            repository.Value, digest, manifest.MediaType, content, manifest.ArtifactType, manifest.Subject, manifest.AnnotationsJson, timeProvider.GetUtcNow());
        var missing = await store.PutManifestAsync(record, manifest.References, reference.Tag, cancellationToken);
        if (missing.Count > 0)
        {
            return OciErrorCode.ManifestBlobUnknown.With(missing[0].ToString());
        }

        if (pushedListener is not null)
        {
            await pushedListener.OnManifestPushedAsync(repository, digest, manifest.MediaType, reference.Tag, cancellationToken);
        }

        return new PutManifestResult(digest, manifest.Subject);
    }

    /// <summary>The manifest a tag or digest names, or MANIFEST_UNKNOWN.</summary>
    public async Task<RegistryResult<ManifestRecord>> GetAsync(RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken)
    {
        var manifest = reference.IsTag
            ? await store.GetManifestByTagAsync(repository.Value, reference.Tag, cancellationToken)
            : await store.GetManifestAsync(repository.Value, reference.Digest!.Value, cancellationToken);
        return manifest is null ? OciErrorCode.ManifestUnknown.With(reference.ToString()) : manifest;
    }

    /// <summary>Deletes a manifest by digest (with the tags pointing at it), or only a tag by name.</summary>
    public async Task<RegistryResult<ManifestReference>> DeleteAsync(RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken)
    {
        if (reference.IsTag && await CheckTagChangeAsync(repository, reference.Tag, null, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Deleting by digest takes every tag of the manifest with it (skopeo delete resolves a tag and deletes by digest).
        if (!reference.IsTag && await CheckTagsOfManifestAsync(repository, reference.Digest!.Value, cancellationToken) is { } refusedTag)
        {
            return refusedTag;
        }

        var deleted = reference.IsTag
            ? await store.DeleteTagAsync(repository.Value, reference.Tag, cancellationToken)
            : await store.DeleteManifestAsync(repository.Value, reference.Digest!.Value, cancellationToken);
        return deleted ? reference : OciErrorCode.ManifestUnknown.With(reference.ToString());
    }

    private async Task<OciError?> CheckTagsOfManifestAsync(RepositoryName repository, Digest digest, CancellationToken cancellationToken)
    {
        if (tagGuard is null)
        {
            return null;
        }

        string? last = null;
        while (await store.ListTagsAsync(repository.Value, last, 1000, cancellationToken) is { Count: > 0 } page)
        {
            foreach (var tag in page)
            {
                if (await store.GetManifestByTagAsync(repository.Value, tag, cancellationToken) is { } tagged && tagged.Digest == digest
                    && await tagGuard.CheckChangeAsync(repository, tag, digest, cancellationToken) is { } refused)
                {
                    return refused;
                }
            }

            last = page[^1];
        }

        return null;
    }

    // Asks the guard only about a real change of an existing tag: a new tag, or the same digest pushed again, always passes.
    private async Task<OciError?> CheckTagChangeAsync(RepositoryName repository, string tag, Digest? next, CancellationToken cancellationToken)
    {
        if (tagGuard is null || await store.GetManifestByTagAsync(repository.Value, tag, cancellationToken) is not { } current || current.Digest == next)
        {
            return null;
        }

        return await tagGuard.CheckChangeAsync(repository, tag, current.Digest, cancellationToken);
    }
}
