using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Drydock.Oci.Layers;

/// <summary>
/// Reads a layer blob in one forward pass: detects gzip, zstd or plain tar from the magic bytes,
/// hashes the stored bytes as they are read and compares them with the layer digest at the end,
/// and guards against decompression bombs. Nothing is buffered whole in memory or on disk.
/// </summary>
public static class LayerReader
{
    private const int ReadBufferSize = 1 << 16;

    /// <summary>Detects the compression from the first bytes of a blob.</summary>
    public static LayerCompression DetectCompression(ReadOnlySpan<byte> magic) => magic switch
    {
        [0x1f, 0x8b, ..] => LayerCompression.Gzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => LayerCompression.Zstd,
        _ => LayerCompression.None,
    };

    /// <summary>
    /// Yields the entries of a layer blob. <paramref name="blob"/> is owned and disposed here. When the
    /// tar ends, the rest of the blob is read and its digest compared with <paramref name="digest"/>;
    /// a mismatch throws <see cref="LayerException"/> naming the layer, so callers must not keep
    /// anything from a layer whose enumeration did not complete.
    /// </summary>
    public static async IAsyncEnumerable<LayerEntry> ReadTarAsync(
        Stream blob,
        Digest digest,
        LayerLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(limits);
        using var hash = digest.CreateHash();
        await using var hashing = new HashingReadStream(blob, hash);
        var magic = new byte[4];
        var sniffed = await hashing.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken);
        var prefixed = new PrefixedReadStream(magic.AsMemory(0, sniffed), hashing);
        Stream decompressed = DetectCompression(magic.AsSpan(0, sniffed)) switch
        {
            LayerCompression.Gzip => new GZipStream(prefixed, CompressionMode.Decompress, leaveOpen: false),
            LayerCompression.Zstd => new ZstdSharp.DecompressionStream(prefixed, ReadBufferSize, checkEndOfStream: false, leaveOpen: false),
            _ => prefixed,
        };
        await using var guarded = new GuardedReadStream(decompressed, hashing, limits, digest.ToString());
        await using var reader = new TarReader(guarded, leaveOpen: true);
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new LayerException($"Layer {digest} is not a readable tar archive: {e.Message}", e);
            }

            if (entry is null)
            {
                break;
            }

            var kind = entry.EntryType switch
            {
                TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => LayerEntryKind.File,
                TarEntryType.Directory => LayerEntryKind.Directory,
                TarEntryType.SymbolicLink => LayerEntryKind.SymbolicLink,
                TarEntryType.HardLink => LayerEntryKind.HardLink,
                _ => LayerEntryKind.Other,
            };
            var link = kind is LayerEntryKind.SymbolicLink or LayerEntryKind.HardLink ? entry.LinkName : null;
            var data = entry.DataStream;
            yield return new LayerEntry(entry.Name, kind, entry.Length, link, () => data is null ? Stream.Null : new NonClosingReadStream(data));
        }

        // The tar end marker may be followed by padding, and the compressed stream by trailing bytes:
        // read everything so the digest covers the whole blob.
        var buffer = new byte[ReadBufferSize];
        while (await guarded.ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        while (await hashing.ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        var actual = Digest.FromHash(digest.Algorithm, hash.GetHashAndReset());
        if (actual != digest)
        {
            throw new LayerException($"Layer {digest} does not match its digest: its content hashes to {actual}. The image is corrupt or was altered; pull it again.");
        }
    }
}
