using System.Text.Json;
using System.Text.Json.Serialization;
using Drydock.Oci.IO;

namespace Drydock.Oci.Sources;

/// <summary>
/// <c>docker save</c> output (<c>docker-archive:PATH</c>). Reads the legacy <c>manifest.json</c>,
/// which both layouts carry: older saves name <c>&lt;id&gt;/layer.tar</c> (whose digest is the layer's
/// diff id from the config), newer ones (Docker 25+) name <c>blobs/sha256/…</c> of the OCI layout
/// inside. An archive without <c>manifest.json</c> is read as an OCI layout.
/// </summary>
internal sealed class DockerArchiveImageSource(ILayoutFiles files, string target) : BlobImageSource
{
    private Dictionary<string, string> _layerPaths = new(StringComparer.Ordinal);

    public override string Target => target;

    public override async Task<ImageDescription> ResolveAsync(CancellationToken cancellationToken)
    {
        if (!files.Exists("manifest.json"))
        {
            throw new InvalidDataException($"{target} is not a docker save archive: it has no manifest.json.");
        }

        List<Entry>? entries;
        await using (var stream = files.Open("manifest.json"))
        {
            entries = await JsonSerializer.DeserializeAsync<List<Entry>>(stream, cancellationToken: cancellationToken);
        }

        if (entries is null || entries.Count == 0)
        {
            throw new InvalidDataException($"{target}: manifest.json lists no image.");
        }

        // A save of several images lists them all; the first is the one scanned.
        var entry = entries[0];
        byte[] config;
        await using (var stream = files.Open(entry.Config))
        {
            config = await BoundedRead.ReadAllAsync(stream, BoundedRead.MaxDocumentBytes, $"{target}: the config {entry.Config}", cancellationToken);
        }

        var diffIds = ImageConfig.ReadDiffIds(config);
        var layers = new List<ImageLayer>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < entry.Layers.Count; i++)
        {
            var path = entry.Layers[i];
            var digest = BlobDigest(path) ?? (i < diffIds.Count && Digest.TryParse(diffIds[i], out var d)
                ? d
                : throw new InvalidDataException($"{target}: layer {path} has no diff id in the config to verify it against."));
            paths[digest.ToString()] = path;
            layers.Add(new ImageLayer { Index = i, Digest = digest, MediaType = MediaTypes.OciLayer });
        }

        _layerPaths = paths;
        var configDigest = Digest.Compute(config);
        return new ImageDescription
        {
            Target = target,
            ManifestDigest = null,
            Config = config,
            Platform = ImageConfig.ReadPlatform(config),
            Layers = layers,
            Manifest = new Manifests.ImageManifest
            {
                SchemaVersion = 2,
                MediaType = MediaTypes.DockerManifest,
                Config = new Manifests.Descriptor { Digest = configDigest.ToString(), MediaType = MediaTypes.DockerConfig, Size = config.Length },
                Layers = [.. layers.Select(l => new Manifests.Descriptor { Digest = l.Digest.ToString(), MediaType = l.MediaType })],
            },
        };
    }

    public override Task<Stream> OpenLayerBlobAsync(ImageLayer layer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!_layerPaths.TryGetValue(layer.Digest.ToString(), out var path))
        {
            throw new InvalidOperationException($"{target} has no layer {layer.Digest}; resolve the image first.");
        }

        return Task.FromResult(files.Open(path));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        files.Dispose();
        await base.DisposeAsyncCore();
    }

    private static Digest? BlobDigest(string path)
    {
        var parts = path.Split('/');
        return parts.Length == 3 && parts[0] == "blobs" && Digest.TryParse($"{parts[1]}:{parts[2]}", out var digest) ? digest : null;
    }

    private sealed record Entry
    {
        [JsonPropertyName("Config")]
        public required string Config { get; init; }

        [JsonPropertyName("RepoTags")]
        public IReadOnlyList<string>? RepoTags { get; init; }

        [JsonPropertyName("Layers")]
        public required IReadOnlyList<string> Layers { get; init; }
    }
}
