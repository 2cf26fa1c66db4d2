using System.Buffers.Binary;
using Drydock.Ecosystems.PackageManagers.Rpm;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

[Collection(RpmTestDatabases.Collection)]
public sealed class NdbRpmDatabaseTests(RpmTestDatabases databases)
{
    private const string ImagePath = "usr/lib/sysimage/rpm/Packages.db";
    private const int FirstSlot = 32;

    [Fact]
    public void ReadBlobs_Truncated_WarnsAndNeverThrows() =>
        MalformedDatabases.Truncations(databases.NewDirectory("ndb-cut"), Database(), ImagePath, expectedPackages: 5);

    [Fact]
    public void ReadBlobs_RandomDamage_NeverThrows() =>
        MalformedDatabases.RandomDamage(databases.NewDirectory("ndb-random"), Database(), ImagePath, seed: 4, rounds: 300);

    [Fact]
    public void ReadBlobs_RandomBytesAfterTheMagic_NeverThrow()
    {
        var random = new Random(5);
        var directory = databases.NewDirectory("ndb-noise");
        for (var round = 0; round < 100; round++)
        {
            var bytes = new byte[4096 * random.Next(1, 8)];
            random.NextBytes(bytes);
            "RpmP"u8.CopyTo(bytes);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 1);
            for (var slot = FirstSlot; slot < 4096; slot += 16)
            {
                "Slot"u8.CopyTo(bytes.AsSpan(slot));
            }

            MalformedDatabases.Read(directory, bytes, ImagePath);
        }
    }

    [Fact]
    public void ReadBlobs_SlotPagesOverlappingTheBlobs_WarnsOncePerPage()
    {
        var bytes = Database();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 2);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("ndb-overlap"), bytes, ImagePath);

        // The blobs in the second page are not slots; the slots pointing before page 2 are refused.
        Assert.True(packages.Count < 5);
        Assert.Contains(context.Warnings, w => w.Contains("slot page 1 has", StringComparison.Ordinal));
        Assert.True(context.Warnings.Count <= 6);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1000u)]
    [InlineData(uint.MaxValue)]
    public void ReadBlobs_SlotPageCountBeyondTheFile_Warns(uint slotPages)
    {
        var bytes = Database();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), slotPages);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("ndb-pages"), bytes, ImagePath);

        Assert.Empty(packages);
        Assert.Contains($"declares {slotPages} slot pages", Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, uint.MaxValue, "points at blocks")]
    [InlineData(12, uint.MaxValue, "points at blocks")]
    [InlineData(8, 1u, "points at blocks")]
    [InlineData(0, 0u, "1 slots without the slot magic")]
    [InlineData(12, 1u, "spans 1 blocks")]
    public void ReadBlobs_DamagedSlot_SkipsThatPackageWithAWarning(int field, uint value, string reason)
    {
        var bytes = Database();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(FirstSlot + field), value);

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("ndb-slot"), bytes, ImagePath);

        Assert.Equal(4, packages.Count);
        Assert.Contains(reason, Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "wrong magic or package index")]
    [InlineData(4, "wrong magic or package index")]
    [InlineData(12, "do not fill")]
    [InlineData(40, "Adler-32")]
    [InlineData(-4, "tail")]
    public void ReadBlobs_DamagedBlob_SkipsThatPackageWithAWarning(int offset, string reason)
    {
        var bytes = Database();
        var blockOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(FirstSlot + 8));
        var blockCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(FirstSlot + 12));
        var position = offset >= 0 ? (blockOffset * 16) + offset : ((blockOffset + blockCount) * 16) + offset;
        bytes[position] ^= 0x5A;

        var (packages, context) = MalformedDatabases.Read(databases.NewDirectory("ndb-blob"), bytes, ImagePath);

        Assert.Equal(4, packages.Count);
        Assert.Contains(reason, Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Wikipedia")]
    public void Adler32_Input_MatchesRfc1950(string text)
    {
        // Reference values: 1 for no input (RFC 1950), 0x00620062 for "a", 0x11E60398 for "Wikipedia".
        var expected = text switch { "" => 1u, "a" => 0x00620062u, _ => 0x11E60398u };

        Assert.Equal(expected, NdbRpmDatabase.Adler32(System.Text.Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Adler32_LargeInput_MatchesZlib()
    {
        var data = new byte[100_000];
        new Random(6).NextBytes(data);
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(compressed.ToArray().AsSpan((int)compressed.Length - 4));

        Assert.Equal(expected, NdbRpmDatabase.Adler32(data));
    }

    private byte[] Database() => NdbTestWriter.Write([.. databases.Blobs.Select(b => ((uint)b.Number, b.Blob))]);
}
