using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Ecosystems.PackageManagers.Rpm;

/// <summary>
/// Reads the header blobs of rpm's own "ndb" package store, <c>Packages.db</c> (SUSE since 2020).
/// The file starts with a 32-byte header and slot pages of 4096 bytes; each 16-byte slot names a
/// package index and the 16-byte blocks holding its blob. A blob has a head (magic, package index,
/// timestamp, length), the header, padding and a tail (Adler-32, length, magic). Everything is
/// little-endian whatever the machine (rpm's rpmpkg.c writes it so).
/// </summary>
internal static class NdbRpmDatabase
{
    private const uint FileMagic = 'R' | ('p' << 8) | ('m' << 16) | ('P' << 24);
    private const uint SlotMagic = 'S' | ('l' << 8) | ('o' << 16) | ('t' << 24);
    private const uint BlobHeadMagic = 'B' | ('l' << 8) | ('b' << 16) | ('S' << 24);
    private const uint BlobTailMagic = 'B' | ('l' << 8) | ('b' << 16) | ('E' << 24);

    private const int FileHeaderSize = 32;
    private const int SlotPageSize = 4096;
    private const int SlotSize = 16;
    private const int BlockSize = 16;
    private const int BlobHeadSize = 16;
    private const int BlobTailSize = 12;

    /// <summary>True when the first bytes carry the ndb package-store magic.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(start) == FileMagic;

    /// <summary>Yields every header blob. A damaged slot or blob is reported through
    /// <paramref name="warn"/> and skipped; a damaged file header throws <see cref="InvalidDataException"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> ReadBlobs(SafeFileHandle file, long length, Action<string> warn)
    {
        var header = new byte[FileHeaderSize];
        if (!RpmDatabaseFile.TryReadExactly(file, header, 0) || !IsMatch(header))
        {
            throw new InvalidDataException("the file is not an rpm ndb package database");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        if (version != 0)
        {
            throw new InvalidDataException($"the ndb database has version {version}; only version 0 exists");
        }

        var slotPages = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
        if (slotPages == 0 || (long)slotPages * SlotPageSize > length)
        {
            throw new InvalidDataException($"the ndb header declares {slotPages} slot pages but the file holds {length} bytes");
        }

        var fileBlocks = length / BlockSize;
        var firstDataBlock = (long)slotPages * (SlotPageSize / BlockSize);
        var slots = new List<(uint PackageIndex, uint BlockOffset, uint BlockCount)>();
        var page = new byte[SlotPageSize];
        for (long pageNumber = 0; pageNumber < slotPages; pageNumber++)
        {
            if (!RpmDatabaseFile.TryReadExactly(file, page, pageNumber * SlotPageSize))
            {
                throw new InvalidDataException($"slot page {pageNumber} could not be read");
            }

            // The file header occupies the first two slots of page 0.
            var withoutMagic = 0;
            for (var offset = pageNumber == 0 ? FileHeaderSize : 0; offset < SlotPageSize; offset += SlotSize)
            {
                var slot = page.AsSpan(offset, SlotSize);
                var slotNumber = (pageNumber * (SlotPageSize / SlotSize)) + (offset / SlotSize);
                if (BinaryPrimitives.ReadUInt32LittleEndian(slot) != SlotMagic)
                {
                    withoutMagic++;
                    continue;
                }

                var packageIndex = BinaryPrimitives.ReadUInt32LittleEndian(slot[4..]);
                var blockOffset = BinaryPrimitives.ReadUInt32LittleEndian(slot[8..]);
                var blockCount = BinaryPrimitives.ReadUInt32LittleEndian(slot[12..]);
                if (blockOffset == 0)
                {
                    continue; // a free slot
                }

                if (packageIndex == 0 || blockCount == 0 || blockOffset < firstDataBlock || (long)blockOffset + blockCount > fileBlocks)
                {
                    warn($"ndb slot {slotNumber} points at blocks {blockOffset}+{blockCount} of a {fileBlocks}-block file; it was skipped");
                    continue;
                }

                slots.Add((packageIndex, blockOffset, blockCount));
            }

            if (withoutMagic > 0)
            {
                warn($"ndb slot page {pageNumber} has {withoutMagic} slots without the slot magic; they were skipped");
            }
        }

        foreach (var (packageIndex, blockOffset, blockCount) in slots)
        {
            if (TryReadBlob(file, packageIndex, blockOffset, blockCount, out var blob, out var error))
            {
                yield return blob;
            }
            else
            {
                warn($"the ndb blob of package index {packageIndex} was skipped: {error}");
            }
        }
    }

    private static bool TryReadBlob(SafeFileHandle file, uint packageIndex, uint blockOffset, uint blockCount, out ReadOnlyMemory<byte> blob, out string? error)
    {
        blob = ReadOnlyMemory<byte>.Empty;
        var size = (long)blockCount * BlockSize;
        if (size < BlobHeadSize + BlobTailSize || size > RpmDatabaseFile.MaxHeaderBytes + BlobHeadSize + BlobTailSize + BlockSize)
        {
            error = $"it spans {blockCount} blocks";
            return false;
        }

        var buffer = new byte[size];
        if (!RpmDatabaseFile.TryReadExactly(file, buffer, (long)blockOffset * BlockSize))
        {
            error = "its blocks could not be read";
            return false;
        }

        var span = buffer.AsSpan();
        var blobLength = BinaryPrimitives.ReadUInt32LittleEndian(span[12..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(span) != BlobHeadMagic || BinaryPrimitives.ReadUInt32LittleEndian(span[4..]) != packageIndex)
        {
            error = "its head has the wrong magic or package index";
            return false;
        }

        if ((BlobHeadSize + (long)blobLength + BlobTailSize + BlockSize - 1) / BlockSize != blockCount)
        {
            error = $"its head declares {blobLength} bytes, which do not fill its {blockCount} blocks";
            return false;
        }

        var tail = span[^BlobTailSize..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) != blobLength || BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]) != BlobTailMagic)
        {
            error = "its tail has the wrong magic or length";
            return false;
        }

        // The checksum covers the head, the blob and the padding: everything before the tail.
        if (Adler32(span[..^BlobTailSize]) != BinaryPrimitives.ReadUInt32LittleEndian(tail))
        {
            error = "its Adler-32 checksum does not match";
            return false;
        }

        blob = buffer.AsMemory(BlobHeadSize, (int)blobLength);
        error = null;
        return true;
    }

    /// <summary>Adler-32 as RFC 1950 defines it.</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        // 5552 bytes is the most that can be summed before the 32-bit sums may overflow.
        const int MaxBlock = 5552;
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var block = data[..Math.Min(MaxBlock, data.Length)];
            foreach (var value in block)
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[block.Length..];
        }

        return (b << 16) | a;
    }
}
