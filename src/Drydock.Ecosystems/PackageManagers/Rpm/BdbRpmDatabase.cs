using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Ecosystems.PackageManagers.Rpm;

/// <summary>
/// Reads the header blobs of rpm's legacy <c>Packages</c> database (rpm before 4.16): a Berkeley DB
/// hash database. Only the values matter, so the hash buckets are not followed: every hash page is
/// visited in file order and each value is taken inline or from its chain of overflow pages. The
/// byte order is the one the metadata page's magic number is written in.
/// </summary>
internal static class BdbRpmDatabase
{
    private const uint HashMagic = 0x00061561;
    private const int PageHeaderSize = 26;

    private const byte PageTypeHashUnsorted = 2;
    private const byte PageTypeOverflow = 7;
    private const byte PageTypeHashMeta = 8;
    private const byte PageTypeHash = 13;

    private const byte ItemKeyData = 1;
    private const byte ItemOffPage = 3;
    private const int OffPageItemSize = 12;

    private const byte MetaFlagChecksum = 0x01;

    /// <summary>True when the first bytes are a Berkeley DB hash metadata page in either byte order.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> start) =>
        start.Length >= 16 &&
        (BinaryPrimitives.ReadUInt32LittleEndian(start[12..]) == HashMagic ||
         BinaryPrimitives.ReadUInt32BigEndian(start[12..]) == HashMagic);

    /// <summary>Yields every value (header blob) of the database. Damage confined to one record is
    /// reported through <paramref name="warn"/>; damage to the database itself throws
    /// <see cref="InvalidDataException"/>.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> ReadBlobs(SafeFileHandle file, long length, Action<string> warn)
    {
        var meta = new byte[512];
        if (length < meta.Length || !RpmDatabaseFile.TryReadExactly(file, meta, 0))
        {
            throw new InvalidDataException($"the Berkeley DB file is {length} bytes, shorter than its metadata page");
        }

        var bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(meta.AsSpan(12)) != HashMagic;
        var reader = new PageReader(bigEndian);
        if (reader.UInt32(meta, 12) != HashMagic)
        {
            throw new InvalidDataException("the file is not a Berkeley DB hash database");
        }

        var pageSize = reader.UInt32(meta, 20);
        if (pageSize is < 512 or > 65536 || (pageSize & (pageSize - 1)) != 0)
        {
            throw new InvalidDataException($"the Berkeley DB metadata page declares a page size of {pageSize}");
        }

        if (meta[24] != 0)
        {
            throw new InvalidDataException("the Berkeley DB database is encrypted");
        }

        if (meta[25] != PageTypeHashMeta)
        {
            throw new InvalidDataException($"the Berkeley DB metadata page has type {meta[25]}, not a hash metadata page");
        }

        if ((meta[26] & MetaFlagChecksum) != 0)
        {
            // rpm never enables page checksums; they move every item on the page.
            throw new InvalidDataException("the Berkeley DB database uses page checksums, which rpm does not write");
        }

        var declaredPages = (long)reader.UInt32(meta, 32) + 1;
        var pageCount = Math.Min(declaredPages, length / pageSize);
        if (declaredPages > pageCount)
        {
            warn($"the Berkeley DB metadata page declares {declaredPages} pages but the file holds {pageCount}; the rest is missing");
        }

        var page = ArrayPool<byte>.Shared.Rent((int)pageSize);
        var overflow = ArrayPool<byte>.Shared.Rent((int)pageSize);
        try
        {
            for (long pageNumber = 1; pageNumber < pageCount; pageNumber++)
            {
                if (!RpmDatabaseFile.TryReadExactly(file, page.AsSpan(0, (int)pageSize), pageNumber * pageSize))
                {
                    throw new InvalidDataException($"page {pageNumber} could not be read");
                }

                if (page[25] is not (PageTypeHash or PageTypeHashUnsorted))
                {
                    continue;
                }

                foreach (var blob in ReadHashPage(file, reader, page.AsSpan(0, (int)pageSize), pageNumber, pageCount, overflow, warn))
                {
                    yield return blob;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(page);
            ArrayPool<byte>.Shared.Return(overflow);
        }
    }

    /// <summary>The values of one hash page. Items alternate key, value; each item's bytes run from
    /// its offset to the previous item's offset (the page end for the first).</summary>
    private static List<byte[]> ReadHashPage(
        SafeFileHandle file, PageReader reader, ReadOnlySpan<byte> page, long pageNumber, long pageCount, byte[] overflow, Action<string> warn)
    {
        var blobs = new List<byte[]>();
        int entries = reader.UInt16(page, 20);
        var firstItem = PageHeaderSize + (2 * entries);
        if (firstItem > page.Length)
        {
            warn($"hash page {pageNumber} declares {entries} items, more than fit on a page; it was skipped");
            return blobs;
        }

        if (entries % 2 != 0)
        {
            warn($"hash page {pageNumber} has an odd number of items ({entries}); the last one has no value");
        }

        for (var i = 0; i + 1 < entries; i += 2)
        {
            var keyEnd = i == 0 ? page.Length : reader.UInt16(page, PageHeaderSize + (2 * (i - 1)));
            var keyStart = (int)reader.UInt16(page, PageHeaderSize + (2 * i));
            var valueStart = (int)reader.UInt16(page, PageHeaderSize + (2 * (i + 1)));
            if (keyStart < firstItem || keyStart >= keyEnd || keyEnd > page.Length || valueStart < firstItem || valueStart >= keyStart)
            {
                warn($"hash page {pageNumber} item {i} has offsets outside the page; the record was skipped");
                continue;
            }

            // rpm keeps the next free header number under key 0; that record is no package.
            var key = page[keyStart..keyEnd];
            if (key[0] == ItemKeyData && key.Length == 5 && BinaryPrimitives.ReadUInt32LittleEndian(key[1..]) == 0)
            {
                continue;
            }

            var value = page[valueStart..keyStart];
            switch (value[0])
            {
                case ItemKeyData:
                    blobs.Add(value[1..].ToArray());
                    break;
                case ItemOffPage when value.Length >= OffPageItemSize:
                    var first = reader.UInt32(value, 4);
                    var totalLength = reader.UInt32(value, 8);
                    if (TryReadOverflow(file, reader, first, totalLength, page.Length, pageCount, overflow, out var blob, out var error))
                    {
                        blobs.Add(blob);
                    }
                    else
                    {
                        warn($"the record on hash page {pageNumber} item {i + 1} was skipped: {error}");
                    }

                    break;
                default:
                    warn($"hash page {pageNumber} item {i + 1} has item type {value[0]}, which rpm does not write; the record was skipped");
                    break;
            }
        }

        return blobs;
    }

    private static bool TryReadOverflow(
        SafeFileHandle file, PageReader reader, uint pageNumber, uint totalLength, int pageSize, long pageCount, byte[] page,
        out byte[] blob, out string? error)
    {
        blob = [];
        if (totalLength > RpmDatabaseFile.MaxHeaderBytes)
        {
            error = $"its value declares {totalLength} bytes, more than the {RpmDatabaseFile.MaxHeaderBytes} read for one header";
            return false;
        }

        var value = new byte[totalLength];
        var filled = 0;
        // Each page of a chain is visited at most once, so a chain that loops back ends here.
        for (long visited = 0; filled < value.Length; visited++)
        {
            if (pageNumber == 0 || pageNumber >= pageCount || visited >= pageCount)
            {
                error = $"its overflow chain reaches page {pageNumber} after {filled} of {totalLength} bytes";
                return false;
            }

            if (!RpmDatabaseFile.TryReadExactly(file, page.AsSpan(0, pageSize), (long)pageNumber * pageSize))
            {
                error = $"overflow page {pageNumber} could not be read";
                return false;
            }

            if (page[25] != PageTypeOverflow)
            {
                error = $"page {pageNumber} of its overflow chain has type {page[25]}, not an overflow page";
                return false;
            }

            // On overflow pages the "high free offset" field holds the length of the data on the page.
            int onPage = reader.UInt16(page, 22);
            if (onPage == 0 || onPage > pageSize - PageHeaderSize || onPage > value.Length - filled)
            {
                error = $"overflow page {pageNumber} holds {onPage} bytes, which does not fit the {totalLength}-byte value";
                return false;
            }

            page.AsSpan(PageHeaderSize, onPage).CopyTo(value.AsSpan(filled));
            filled += onPage;
            pageNumber = reader.UInt32(page, 16);
        }

        blob = value;
        error = null;
        return true;
    }

    /// <summary>Reads the integers of a page in the database's byte order.</summary>
    private readonly struct PageReader(bool bigEndian)
    {
        public uint UInt32(ReadOnlySpan<byte> page, int offset) => bigEndian
            ? BinaryPrimitives.ReadUInt32BigEndian(page[offset..])
            : BinaryPrimitives.ReadUInt32LittleEndian(page[offset..]);

        public ushort UInt16(ReadOnlySpan<byte> page, int offset) => bigEndian
            ? BinaryPrimitives.ReadUInt16BigEndian(page[offset..])
            : BinaryPrimitives.ReadUInt16LittleEndian(page[offset..]);
    }
}
