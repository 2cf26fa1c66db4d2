using System.Text.Json;
using Drydock.Oci;
using Drydock.Oci.Manifests;
using Drydock.Oci.Sources;
using Drydock.Registry.Storage;

namespace Drydock.Server.Integration;

/// <summary>
/// One platform image of the registry read straight from its own blob store: no HTTP round trip, and the layer
/// bytes are verified against their digest while the indexer reads them.
/// </summary>
internal sealed class RegistryBlobImageSource(
    IBlobStore blobs, string target, string manifestDigest, string? indexDigest, ImageManifest manifest, byte[]? config, Platform? platform) : BlobImageSource
{
    /// <inheritdoc/>
    public override string Target => target;

    /// <inheritdoc/>
    public override Task<ImageDescription> ResolveAsync(CancellationToken cancellationToken)
    {
        var layers = (manifest.Layers ?? [])
            .Select((layer, index) => new ImageLayer
            {
                Index = index,
                Digest = Digest.Parse(layer.Digest),
                MediaType = layer.MediaType,
                Size = layer.Size,
            })
            .ToList();
        return Task.FromResult(new ImageDescription
        {
            Target = target,
            ManifestDigest = manifestDigest,
            IndexDigest = indexDigest,
            Platform = (config is null ? null : ReadPlatform(config)) ?? platform,
            Manifest = manifest,
            Config = config,
            Layers = layers,
        });
    }

    /// <inheritdoc/>
    public override async Task<Stream> OpenLayerBlobAsync(ImageLayer layer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return await blobs.OpenReadAsync(layer.Digest, cancellationToken)
               ?? throw new InvalidOperationException($"{target}: layer {layer.Digest} is missing from the blob store.");
    }

    private static Platform? ReadPlatform(byte[] config)
    {
        try
        {
            using var document = JsonDocument.Parse(config);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("os", out var os) || os.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("architecture", out var architecture) || architecture.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return new Platform
            {
                Os = os.GetString()!,
                Architecture = architecture.GetString()!,
                Variant = root.TryGetProperty("variant", out var variant) && variant.ValueKind == JsonValueKind.String ? variant.GetString() : null,
            };
        }
        catch (JsonException)
        {
            // A config that is not JSON says nothing about the platform; the index may.
            return null;
        }
    }
}
