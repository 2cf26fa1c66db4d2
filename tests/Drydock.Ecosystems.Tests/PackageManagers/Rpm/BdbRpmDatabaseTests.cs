using System.Buffers.Binary;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

[Collection(RpmTestDatabases.Collection)]
public sealed class BdbRpmDatabaseTests(RpmTestDatabases databases)
{
    private const string ImagePath = "var/lib/rpm/Packages";

    [Theory]
    [InlineData(512, false)]
    [InlineData(4096, true)]
    public async Task ReadBlobs_Truncated_WarnsAndNeverThrows(int pageSize, bool bigEndian)
    {
        var bytes = await LoadAsync(pageSize, bigEndian);

        MalformedDatabases.Truncations(databases.NewDirectory("bdb-cut"), bytes, ImagePath, expectedPackages: 5);
    }

    [Theory]
    [InlineData(512, false, 1)]
    [InlineData(4096, true, 2)]
    public async Task ReadBlobs_RandomDamage_NeverThrows(int pageSize, bool bigEndian, int seed)
    {
        var bytes = await LoadAsync(pageSize, bigEndian);

        MalformedDatabases.RandomDamage(databases.NewDirectory("bdb-random"), bytes, ImagePath, seed, rounds: 300);
    }

    [Fact]
    public async Task ReadBlobs_RandomBytesAfterAValidMetadataPage_NeverThrows()
    {
        var random = new Random(3);
        var directory = databases.NewDirectory("bdb-noise");
        var meta = (await LoadAsync(512, false))[..512];
        for (var round = 0; round < 100; round++)
        {
            var bytes = new byte[512 * random.Next(2, 64)];
            random.NextBytes(bytes);
            meta.CopyTo(bytes, 0);
            // Make every page a hash or overflow page, so the noise is parsed rather than skipped.
            for (var page = 512; page < bytes.Length; page += 512)
            {
                bytes[page + 25] = random.Next(3) switch { 0 => 13, 1 => 2, _ => 7 };
            }

            MalformedDatabases.Read(directory, bytes, ImagePath);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadBlobs_LastPageNumberHuge_WarnsAndReadsWhatIsThere(bool bigEndian)
    {
        var bytes = await LoadAsync(4096, bigEndian);
        Write32(bytes, 32, uint.MaxValue, bigEndian);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("bdb-last"), bytes, ImagePath);

        Assert.Equal(5, packages.Count);
        Assert.Contains("declares 4294967296 pages", Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlobs_OverflowChainPointingAtItself_SkipsTheRecordWithAWarning()
    {
        var bytes = await LoadAsync(512, false);
        var overflow = Pages(bytes, 512).First(p => bytes[p + 25] == 7 && Read32(bytes, p + 16, false) != 0);
        Write32(bytes, overflow + 16, (uint)(overflow / 512), bigEndian: false);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("bdb-loop"), bytes, ImagePath);

        Assert.Equal(4, packages.Count);
        Assert.Contains("overflow", Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlobs_OverflowLengthHuge_SkipsTheRecordWithAWarning()
    {
        var bytes = await LoadAsync(512, false);
        var offPage = OffPageItems(bytes, 512).First();
        Write32(bytes, offPage + 8, uint.MaxValue, bigEndian: false);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("bdb-tlen"), bytes, ImagePath);

        Assert.Equal(4, packages.Count);
        Assert.Contains("declares 4294967295 bytes", Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlobs_HashPageWithHugeItemCount_SkipsThePageWithAWarning()
    {
        var bytes = await LoadAsync(4096, false);
        var hashPage = Pages(bytes, 4096).First(p => bytes[p + 25] is 13 or 2 && Read16(bytes, p + 20) > 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(hashPage + 20), ushort.MaxValue);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("bdb-entries"), bytes, ImagePath);

        Assert.True(packages.Count < 5);
        Assert.Contains(context.Warnings, w => w.Contains("declares 65535 items", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(20, 0u, "page size of 0")]
    [InlineData(20, 1000u, "page size of 1000")]
    [InlineData(20, 0x20000u, "page size of 131072")]
    public async Task ReadBlobs_BadMetadata_WarnsThatTheDatabaseIsDamaged(int offset, uint value, string reason)
    {
        var bytes = await LoadAsync(4096, false);
        Write32(bytes, offset, value, bigEndian: false);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("bdb-meta"), bytes, ImagePath);

        Assert.Empty(packages);
        Assert.Contains(reason, Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlobs_EncryptedDatabase_Warns()
    {
        var bytes = await LoadAsync(4096, false);
        bytes[24] = 1;

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("bdb-crypt"), bytes, ImagePath);

        Assert.Empty(packages);
        Assert.Contains("encrypted", Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    private async Task<byte[]> LoadAsync(int pageSize, bool bigEndian)
    {
        var directory = await databases.CreateBerkeleyDatabaseAsync(pageSize, bigEndian, CancellationToken.None);
        return await File.ReadAllBytesAsync(Path.Combine(directory, "Packages"));
    }

    private static IEnumerable<int> Pages(byte[] bytes, int pageSize) =>
        Enumerable.Range(1, (bytes.Length / pageSize) - 1).Select(p => p * pageSize);

    /// <summary>File offsets of the off-page value items (type 3) on the hash pages of a little-endian database.</summary>
    private static IEnumerable<int> OffPageItems(byte[] bytes, int pageSize)
    {
        foreach (var page in Pages(bytes, pageSize).Where(p => bytes[p + 25] is 13 or 2))
        {
            int entries = Read16(bytes, page + 20);
            for (var i = 1; i < entries; i += 2)
            {
                var item = page + Read16(bytes, page + 26 + (2 * i));
                if (bytes[item] == 3)
                {
                    yield return item;
                }
            }
        }
    }

    private static ushort Read16(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset));

    private static uint Read32(byte[] bytes, int offset, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset))
        : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));

    private static void Write32(byte[] bytes, int offset, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
        }
    }
}
