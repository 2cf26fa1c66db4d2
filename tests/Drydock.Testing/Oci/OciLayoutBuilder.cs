using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Drydock.Oci;
using Drydock.Oci.Manifests;
using ZstdSharp;

namespace Drydock.Testing.Oci;

/// <summary>
/// Writes real images into an OCI image layout (<c>oci-layout</c>, <c>index.json</c>,
/// <c>blobs/sha256/…</c>) that skopeo, umoci and podman read as <c>oci:DIR:TAG</c>.
/// Output is deterministic (fixed mtimes, owners and timestamps), so the same input gives the same digests.
/// </summary>
public sealed class OciLayoutBuilder
{
    /// <summary>The mtime of every tar entry and the creation time in every config.</summary>
    public static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly List<Descriptor> _tagged = [];

    public OciLayoutBuilder(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", Digest.Sha256));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        WriteIndexJson();
    }

    /// <summary>The layout folder; <c>oci:{Directory}:{tag}</c> names a tagged image in it.</summary>
    public string Directory { get; }

    /// <summary>Writes a layer holding <paramref name="entries"/> in order.</summary>
    public async Task<BuiltLayer> AddLayerAsync(
        IEnumerable<LayerEntry> entries, LayerCompression compression, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(Directory, "blobs", $".staging-{Guid.NewGuid():N}");
        Digest diffId;
        Digest digest;
        long size;
        await using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var compressed = new HashingWriteStream(file);
            Stream compressor = compression switch
            {
                LayerCompression.Gzip => new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true),
                LayerCompression.Zstd => new CompressionStream(compressed, level: 3, leaveOpen: true),
                _ => new NonClosingStream(compressed),
            };
            await using (compressor)
            {
                await using var tar = new HashingWriteStream(compressor);
                await using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
                {
                    foreach (var entry in entries)
                    {
                        await WriteEntryAsync(writer, entry, cancellationToken);
                    }
                }

                await tar.FlushAsync(cancellationToken);
                diffId = tar.CurrentDigest();
            }

            await compressed.FlushAsync(cancellationToken);
            digest = compressed.CurrentDigest();
            size = compressed.BytesWritten;
        }

        MoveIntoPlace(staging, digest);
        var mediaType = compression switch
        {
            LayerCompression.Gzip => MediaTypes.OciLayerGzip,
            LayerCompression.Zstd => MediaTypes.OciLayerZstd,
            _ => MediaTypes.OciLayer,
        };
        return new BuiltLayer(new Descriptor { MediaType = mediaType, Digest = digest.ToString(), Size = size }, diffId);
    }

    /// <summary>Writes bytes as a blob and returns its descriptor.</summary>
    public async Task<Descriptor> AddBlobAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken)
    {
        var digest = Digest.Compute(content.Span);
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, content, cancellationToken);
        }

        return new Descriptor { MediaType = mediaType, Digest = digest.ToString(), Size = content.Length };
    }

    /// <summary>Writes one layer per entry list, a config and an OCI image manifest for <paramref name="platform"/>.</summary>
    public async Task<BuiltManifest> AddImageAsync(
        IEnumerable<IEnumerable<LayerEntry>> layers,
        LayerCompression compression,
        Platform platform,
        CancellationToken cancellationToken)
    {
        var built = new List<BuiltLayer>();
        foreach (var layer in layers)
        {
            built.Add(await AddLayerAsync(layer, compression, cancellationToken));
        }

        return await AddImageAsync(built, platform, cancellationToken);
    }

    /// <summary>Writes a config for <paramref name="layers"/> and an OCI image manifest that names them.</summary>
    public async Task<BuiltManifest> AddImageAsync(
        IReadOnlyList<BuiltLayer> layers, Platform platform, CancellationToken cancellationToken)
    {
        var config = new JsonObject
        {
            ["created"] = FixedTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["architecture"] = platform.Architecture,
            ["os"] = platform.Os,
        };
        if (platform.Variant is not null)
        {
            config["variant"] = platform.Variant;
        }

        config["config"] = new JsonObject
        {
            ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
            ["Cmd"] = new JsonArray("/bin/sh"),
        };
        config["rootfs"] = new JsonObject
        {
            ["type"] = "layers",
            ["diff_ids"] = new JsonArray([.. layers.Select(l => JsonValue.Create(l.DiffId.ToString()))]),
        };
        config["history"] = new JsonArray([.. layers.Select((_, i) => new JsonObject
        {
            ["created"] = FixedTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["created_by"] = $"drydock test layer {i + 1}",
        })]);
        var configDescriptor = await AddBlobAsync(
            JsonSerializer.SerializeToUtf8Bytes(config), MediaTypes.OciConfig, cancellationToken);

        var manifest = new ImageManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = [.. layers.Select(l => l.Descriptor)],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson);
        var descriptor = await AddBlobAsync(bytes, MediaTypes.OciManifest, cancellationToken) with { Platform = platform };
        return new BuiltManifest(descriptor, bytes, [configDescriptor, .. manifest.Layers]);
    }

    /// <summary>Writes an OCI index listing <paramref name="manifests"/> (each with its platform).</summary>
    public async Task<BuiltManifest> AddIndexAsync(IReadOnlyList<BuiltManifest> manifests, CancellationToken cancellationToken)
    {
        var index = new ImageIndex
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciIndex,
            Manifests = [.. manifests.Select(m => m.Descriptor)],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(index, ManifestJson);
        var descriptor = await AddBlobAsync(bytes, MediaTypes.OciIndex, cancellationToken);
        return new BuiltManifest(descriptor, bytes, [.. manifests.SelectMany(m => m.Blobs.Prepend(m.Descriptor))]);
    }

    /// <summary>
    /// Writes an artifact manifest (OCI image manifest with <c>artifactType</c>, the empty config and one
    /// payload layer) whose <c>subject</c> is <paramref name="subject"/>, as an SBOM or signature would be.
    /// </summary>
    public async Task<BuiltManifest> AddArtifactAsync(
        BuiltManifest subject,
        string artifactType,
        ReadOnlyMemory<byte> payload,
        string payloadMediaType,
        CancellationToken cancellationToken)
    {
        var empty = await AddBlobAsync("{}"u8.ToArray(), MediaTypes.OciEmpty, cancellationToken);
        var layer = await AddBlobAsync(payload, payloadMediaType, cancellationToken);
        var manifest = new ImageManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            ArtifactType = artifactType,
            Config = empty,
            Layers = [layer],
            Subject = subject.Descriptor with { Platform = null, Annotations = null },
            Annotations = new Dictionary<string, string> { ["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z" },
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson);
        var descriptor = await AddBlobAsync(bytes, MediaTypes.OciManifest, cancellationToken) with { ArtifactType = artifactType };
        return new BuiltManifest(descriptor, bytes, [empty, layer]);
    }

    /// <summary>Lists <paramref name="manifest"/> in index.json under <paramref name="tag"/> (replacing an older entry).</summary>
    public void Tag(BuiltManifest manifest, string tag)
    {
        _tagged.RemoveAll(d => d.Annotations?.GetValueOrDefault(RefNameAnnotation) == tag);
        _tagged.Add(manifest.Descriptor with
        {
            Platform = null,
            ArtifactType = null,
            Annotations = new Dictionary<string, string> { [RefNameAnnotation] = tag },
        });
        WriteIndexJson();
    }

    /// <summary>The file that holds the blob <paramref name="digest"/>.</summary>
    public string BlobPath(Digest digest) => Path.Combine(Directory, "blobs", digest.Algorithm, digest.Hex);

    private void WriteIndexJson()
    {
        var index = new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = _tagged };
        File.WriteAllBytes(Path.Combine(Directory, "index.json"), JsonSerializer.SerializeToUtf8Bytes(index, ManifestJson));
    }

    private void MoveIntoPlace(string staging, Digest digest)
    {
        var path = BlobPath(digest);
        if (File.Exists(path))
        {
            File.Delete(staging);
        }
        else
        {
            File.Move(staging, path);
        }
    }

    private static async Task WriteEntryAsync(TarWriter writer, LayerEntry entry, CancellationToken cancellationToken)
    {
        var (type, name) = entry.Kind switch
        {
            LayerEntryKind.Directory => (TarEntryType.Directory, entry.Path.TrimEnd('/') + "/"),
            LayerEntryKind.Symlink => (TarEntryType.SymbolicLink, entry.Path),
            LayerEntryKind.Whiteout => (TarEntryType.RegularFile, WhiteoutName(entry.Path)),
            LayerEntryKind.OpaqueWhiteout => (TarEntryType.RegularFile, entry.Path.TrimEnd('/') + "/.wh..wh..opq"),
            _ => (TarEntryType.RegularFile, entry.Path),
        };
        var tarEntry = new UstarTarEntry(type, name)
        {
            ModificationTime = FixedTime,
            Mode = entry.Mode,
            Uid = 0,
            Gid = 0,
        };
        if (entry.LinkTarget is not null)
        {
            tarEntry.LinkName = entry.LinkTarget;
        }

        if (entry.Kind != LayerEntryKind.File)
        {
            await writer.WriteEntryAsync(tarEntry, cancellationToken);
            return;
        }

        if (entry.SourceFile is not null)
        {
            await using var source = File.OpenRead(entry.SourceFile);
            tarEntry.DataStream = source;
            await writer.WriteEntryAsync(tarEntry, cancellationToken);
            return;
        }

        using var content = new MemoryStream(entry.Content.ToArray(), writable: false);
        tarEntry.DataStream = content;
        await writer.WriteEntryAsync(tarEntry, cancellationToken);
    }

    private static string WhiteoutName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? ".wh." + path : $"{path[..(slash + 1)]}.wh.{path[(slash + 1)..]}";
    }
}
