using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Oci;
using Drydock.Oci.Manifests;
using Drydock.Registry.Storage;
using Drydock.Scanning.Indexing;

namespace Drydock.Server.Integration;

/// <summary>
/// Scans one manifest of the registry: an image is indexed from the blob store through the shared layer cache; an
/// index has each image platform indexed (its summary is the worst of them); anything else is Unsupported.
/// </summary>
internal sealed class RegistryScanner(IRegistryStore registry, IBlobStore blobs, ImageIndexer indexer)
{
    // Image configs; anything else in a manifest's config is an artifact (signature, SBOM, Helm chart …).
    private static readonly HashSet<string> ImageConfigTypes = [MediaTypes.OciConfig, MediaTypes.DockerConfig];

    public async Task<ScanOutcome> ScanAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var record = await registry.GetManifestAsync(repository, digest, cancellationToken);
        if (record is null)
        {
            return Final(ScanStatus.Failed, $"The manifest {digest} is no longer in {repository}.");
        }

        var target = $"{repository}@{digest}";
        if (MediaTypes.IsIndex(record.MediaType))
        {
            var index = JsonSerializer.Deserialize<ImageIndex>(record.Content)
                        ?? throw new InvalidDataException($"{target}: the index is empty.");
            var inventories = new List<ImageInventory>();
            foreach (var child in index.Manifests ?? [])
            {
                // Attestation manifests (buildkit's unknown/unknown platform) are artifacts, not platforms.
                if (!MediaTypes.IsManifest(child.MediaType) || child.Platform is { Os: "unknown" })
                {
                    continue;
                }

                var childDigest = Digest.Parse(child.Digest);
                var childRecord = await registry.GetManifestAsync(repository, childDigest, cancellationToken);
                if (childRecord is null)
                {
                    continue;
                }

                var inventory = await IndexImageAsync(
                    $"{repository}@{childDigest}", childRecord.Content, childDigest.ToString(), digest.ToString(), child.Platform, cancellationToken);
                if (inventory is not null)
                {
                    inventories.Add(inventory);
                }
            }

            return inventories.Count == 0
                ? Final(ScanStatus.Unsupported, $"The index {digest} has no image platform to scan.")
                : Success(inventories);
        }

        if (!MediaTypes.IsManifest(record.MediaType))
        {
            return Final(ScanStatus.Unsupported, $"{record.MediaType} is not an image manifest.");
        }

        var single = await IndexImageAsync(target, record.Content, digest.ToString(), null, null, cancellationToken);
        return single is null
            ? Final(ScanStatus.Unsupported, $"{digest} is an artifact{(record.ArtifactType is null ? string.Empty : $" of type {record.ArtifactType}")}, not an image.")
            : Success([single]);
    }

    private async Task<ImageInventory?> IndexImageAsync(
        string target, byte[] content, string manifestDigest, string? indexDigest, Platform? platform, CancellationToken cancellationToken)
    {
        var manifest = JsonSerializer.Deserialize<ImageManifest>(content) ?? throw new InvalidDataException($"{target}: the manifest is empty.");
        if (manifest.Config?.MediaType is not { } configType || !ImageConfigTypes.Contains(configType) || manifest.ArtifactType is not null)
        {
            return null;
        }

        byte[]? config = null;
        await using (var stream = await blobs.OpenReadAsync(Digest.Parse(manifest.Config.Digest), cancellationToken))
        {
            if (stream is not null)
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                config = buffer.ToArray();
            }
        }

        await using var source = new RegistryBlobImageSource(blobs, target, manifestDigest, indexDigest, manifest, config, platform);
        return await indexer.IndexAsync(source, progress: null, cancellationToken);
    }

    private static ScanOutcome Final(ScanStatus status, string reason) => new(status, reason, new ScanSummary(), []);

    private static ScanOutcome Success(IReadOnlyList<ImageInventory> inventories) => new(
        ScanStatus.Success,
        null,
        new ScanSummary
        {
            Platforms =
            [
                .. inventories.Select(i => new PlatformSummary(
                    i.ManifestDigest ?? string.Empty,
                    i.Platform,
                    i.Distribution is { } d ? $"{d.Id} {d.Version ?? d.Release}" : null,
                    i.Packages.Count,
                    i.LayersRead,
                    i.CacheHits,
                    i.Warnings)),
            ],
        },
        inventories);
}
