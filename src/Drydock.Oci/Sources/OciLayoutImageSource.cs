using System.Text.Json;
using Drydock.Oci.IO;
using Drydock.Oci.Manifests;

namespace Drydock.Oci.Sources;

/// <summary>An OCI image layout (<c>oci:PATH[:REF]</c>) or a tar of one (<c>oci-archive:PATH</c>).
/// A reference is matched against <c>org.opencontainers.image.ref.name</c>.</summary>
internal sealed class OciLayoutImageSource(ILayoutFiles files, string target, string? reference, Platform platform) : BlobImageSource
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public override string Target => target;

    public override async Task<ImageDescription> ResolveAsync(CancellationToken cancellationToken)
    {
        if (!files.Exists("index.json"))
        {
            throw new InvalidDataException($"{target} is not an OCI image layout: it has no index.json.");
        }

        ImageIndex index;
        await using (var stream = files.Open("index.json"))
        {
            index = await JsonSerializer.DeserializeAsync(stream, OciJsonContext.Default.ImageIndex, cancellationToken)
                    ?? throw new InvalidDataException($"{target}: index.json is empty.");
        }

        var manifests = index.Manifests ?? [];
        Descriptor chosen;
        if (reference is not null)
        {
            chosen = manifests.FirstOrDefault(m => m.Annotations is not null && m.Annotations.TryGetValue(RefNameAnnotation, out var name) && name == reference)
                ?? throw new InvalidOperationException(
                    $"{target} has no image named '{reference}'. Names: {string.Join(", ", RefNames(manifests))}.");
        }
        else if (manifests.Count == 1)
        {
            chosen = manifests[0];
        }
        else if (manifests.Count > 1 && manifests.All(m => m.Platform is not null))
        {
            chosen = PlatformSelector.Select(index, platform, target);
        }
        else
        {
            throw new InvalidOperationException(manifests.Count == 0
                ? $"{target} holds no image."
                : $"{target} holds {manifests.Count} images; name one with {target}:REF. Names: {string.Join(", ", RefNames(manifests))}.");
        }

        string? indexDigest = null;
        for (var depth = 0; ; depth++)
        {
            var bytes = await ReadBlobAsync(chosen.Digest, cancellationToken);
            var mediaType = chosen.MediaType ?? PeekMediaType(bytes);
            if (MediaTypes.IsIndex(mediaType) || (mediaType is null && IsIndexShape(bytes)))
            {
                if (depth > 4)
                {
                    throw new InvalidDataException($"{target}: indexes nest too deeply.");
                }

                indexDigest = chosen.Digest;
                chosen = PlatformSelector.Select(JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageIndex) ?? throw new InvalidDataException($"{target}: {chosen.Digest} is empty."), platform, target);
                continue;
            }

            var manifest = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageManifest) ?? throw new InvalidDataException($"{target}: {chosen.Digest} is empty.");
            var config = manifest.Config is null ? null : await ReadBlobAsync(manifest.Config.Digest, cancellationToken);
            return new ImageDescription
            {
                Target = target,
                ManifestDigest = chosen.Digest,
                IndexDigest = indexDigest,
                Manifest = manifest,
                Config = config,
                Platform = (config is null ? null : ImageConfig.ReadPlatform(config)) ?? chosen.Platform,
                Layers = [.. (manifest.Layers ?? []).Select((layer, i) => new ImageLayer
                {
                    Index = i,
                    Digest = Digest.Parse(layer.Digest),
                    MediaType = layer.MediaType,
                    Size = layer.Size,
                })],
            };
        }
    }

    public override Task<Stream> OpenLayerBlobAsync(ImageLayer layer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Task.FromResult(OpenBlob(layer.Digest.ToString()));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        files.Dispose();
        await base.DisposeAsyncCore();
    }

    private static IEnumerable<string> RefNames(IEnumerable<Descriptor> manifests) =>
        manifests.Select(m => m.Annotations is not null && m.Annotations.TryGetValue(RefNameAnnotation, out var n) ? n : m.Digest);

    private static string? PeekMediaType(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.TryGetProperty("mediaType", out var m) ? m.GetString() : null;
    }

    private static bool IsIndexShape(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.TryGetProperty("manifests", out _);
    }

    private Stream OpenBlob(string digest)
    {
        var parsed = Digest.Parse(digest);
        var path = $"blobs/{parsed.Algorithm}/{parsed.Hex}";
        if (!files.Exists(path))
        {
            throw new InvalidDataException($"{target} lacks blob {digest} ({path}).");
        }

        return files.Open(path);
    }

    private async Task<byte[]> ReadBlobAsync(string digest, CancellationToken cancellationToken)
    {
        await using var stream = OpenBlob(digest);
        var bytes = await BoundedRead.ReadAllAsync(stream, BoundedRead.MaxDocumentBytes, $"{target}: blob {digest}", cancellationToken);
        var parsed = Digest.Parse(digest);
        var actual = parsed.ComputeSameAlgorithm(bytes);
        if (actual != parsed)
        {
            throw new InvalidDataException($"{target}: blob {digest} does not match its digest (it hashes to {actual}).");
        }

        return bytes;
    }
}
