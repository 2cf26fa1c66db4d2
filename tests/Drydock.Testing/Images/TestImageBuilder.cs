using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Testing.Images;

/// <summary>
/// Builds small images for tests: layers of tar entries (gzip by default, or any compressor), written
/// as an OCI image layout (<c>oci:DIR</c>) or a legacy <c>docker save</c> archive.
/// </summary>
public sealed class TestImageBuilder
{
    private readonly List<(TestLayer Layer, Func<Stream, Stream>? Compress, string MediaType)> _layers = [];

    /// <summary>The gzip compressor (the default).</summary>
    public static Stream Gzip(Stream output) => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);

    /// <summary>Adds a layer, compressed with gzip unless another compressor is given (null: uncompressed).</summary>
    public TestImageBuilder AddLayer(Action<TestLayer> configure, Func<Stream, Stream>? compress = null, string? mediaType = null, bool uncompressed = false)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var layer = new TestLayer();
        configure(layer);
        var compressor = uncompressed ? null : compress ?? Gzip;
        _layers.Add((layer, compressor, mediaType ?? (compressor is null ? "application/vnd.oci.image.layer.v1.tar" : "application/vnd.oci.image.layer.v1.tar+gzip")));
        return this;
    }

    /// <summary>Writes an OCI image layout into <paramref name="directory"/>; returns the layer digests, base first.</summary>
    public async Task<BuiltImage> WriteOciLayoutAsync(string directory, CancellationToken cancellationToken, string? refName = "latest", string architecture = "amd64")
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        System.IO.Directory.CreateDirectory(blobs);
        var layerDescriptors = new JsonArray();
        var diffIds = new JsonArray();
        var digests = new List<string>();
        foreach (var (layer, compress, mediaType) in _layers)
        {
            var temporary = Path.Combine(directory, $"layer-{Guid.NewGuid():N}.tmp");
            string diffId;
            await using (var file = File.Create(temporary))
            {
                using var diffHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var hashing = new HashingWriteStream(compress is null ? file : compress(file), diffHash);
                await layer.WriteTarAsync(hashing, cancellationToken);
                await hashing.DisposeAsync();
                diffId = "sha256:" + Convert.ToHexStringLower(diffHash.GetHashAndReset());
            }

            var digest = await HashFileAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(blobs, digest["sha256:".Length..]), overwrite: true);
            digests.Add(digest);
            diffIds.Add(diffId);
            layerDescriptors.Add(new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = new FileInfo(Path.Combine(blobs, digest["sha256:".Length..])).Length });
        }

        var config = new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        var configDigest = await WriteBlobAsync(blobs, Encoding.UTF8.GetBytes(config.ToJsonString()), cancellationToken);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = configDigest.Digest, ["size"] = configDigest.Size },
            ["layers"] = layerDescriptors,
        };
        var manifestDigest = await WriteBlobAsync(blobs, Encoding.UTF8.GetBytes(manifest.ToJsonString()), cancellationToken);
        var descriptor = new JsonObject
        {
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["digest"] = manifestDigest.Digest,
            ["size"] = manifestDigest.Size,
        };
        if (refName is not null)
        {
            descriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = refName };
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = new JsonArray(descriptor) };
        await File.WriteAllTextAsync(Path.Combine(directory, "index.json"), index.ToJsonString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""", cancellationToken);
        return new BuiltImage(manifestDigest.Digest, digests, [.. diffIds.Select(d => d!.GetValue<string>())]);
    }

    private static async Task<(string Digest, long Size)> WriteBlobAsync(string blobs, byte[] content, CancellationToken cancellationToken)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        await File.WriteAllBytesAsync(Path.Combine(blobs, digest["sha256:".Length..]), content, cancellationToken);
        return (digest, content.Length);
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private sealed class HashingWriteStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
