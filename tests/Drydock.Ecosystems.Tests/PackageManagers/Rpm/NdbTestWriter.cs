using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>
/// Writes an rpm ndb package database (<c>Packages.db</c>) laid out as rpm's lib/backend/ndb/rpmpkg.c
/// writes it: Debian's rpm is built without the ndb backend, so the tests cannot ask rpm to write one.
/// The header blobs come from rpm; the checksum is taken from .NET's zlib (an independent Adler-32).
/// </summary>
internal static class NdbTestWriter
{
    private const int PageSize = 4096;
    private const int SlotSize = 16;
    private const int BlockSize = 16;

    public static byte[] Write(IReadOnlyList<(uint Index, byte[] Blob)> packages, uint timestamp = 1_700_000_000)
    {
        var slotPages = Math.Max(1, (packages.Count + 2 + (PageSize / SlotSize) - 1) / (PageSize / SlotSize));
        using var output = new MemoryStream();
        output.Write(new byte[slotPages * PageSize]);
        var slots = new List<(uint Index, uint BlockOffset, uint BlockCount)>();
        foreach (var (index, blob) in packages)
        {
            var blockOffset = (uint)(output.Length / BlockSize);
            var blockCount = (uint)((16 + blob.Length + 12 + BlockSize - 1) / BlockSize);
            var stored = new byte[blockCount * BlockSize];
            WriteUInt32(stored, 0, Magic("BlbS"));
            WriteUInt32(stored, 4, index);
            WriteUInt32(stored, 8, timestamp);
            WriteUInt32(stored, 12, (uint)blob.Length);
            blob.CopyTo(stored, 16);
            WriteUInt32(stored, stored.Length - 12, Adler32(stored.AsSpan(0, stored.Length - 12)));
            WriteUInt32(stored, stored.Length - 8, (uint)blob.Length);
            WriteUInt32(stored, stored.Length - 4, Magic("BlbE"));
            output.Write(stored);
            slots.Add((index, blockOffset, blockCount));
        }

        var file = output.ToArray();
        WriteUInt32(file, 0, Magic("RpmP"));
        WriteUInt32(file, 4, 0);
        WriteUInt32(file, 8, (uint)slots.Count + 1); // generation: bumped on every write
        WriteUInt32(file, 12, (uint)slotPages);
        WriteUInt32(file, 16, packages.Count == 0 ? 1 : packages.Max(p => p.Index) + 1);
        for (var slot = 2; slot < slotPages * (PageSize / SlotSize); slot++)
        {
            WriteUInt32(file, slot * SlotSize, Magic("Slot"));
            if (slot - 2 < slots.Count)
            {
                var (index, blockOffset, blockCount) = slots[slot - 2];
                WriteUInt32(file, (slot * SlotSize) + 4, index);
                WriteUInt32(file, (slot * SlotSize) + 8, blockOffset);
                WriteUInt32(file, (slot * SlotSize) + 12, blockCount);
            }
        }

        return file;
    }

    private static uint Magic(string text) => BinaryPrimitives.ReadUInt32LittleEndian(Encoding.ASCII.GetBytes(text));

    private static void WriteUInt32(byte[] buffer, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), value);

    /// <summary>The Adler-32 a zlib stream ends with (RFC 1950), big-endian there.</summary>
    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return BinaryPrimitives.ReadUInt32BigEndian(compressed.GetBuffer().AsSpan((int)compressed.Length - 4, 4));
    }
}
