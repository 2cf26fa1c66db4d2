using System.Buffers.Binary;
using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Testing;
using Microsoft.Data.Sqlite;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

[Collection(RpmTestDatabases.Collection)]
public sealed class RpmHeaderTests(RpmTestDatabases databases)
{
    private static readonly string HeaderFile = TestPaths.Shared("pkgdb", "rpm", "claircore-package.header");

    [Fact]
    public async Task TryParse_RealFedoraHeader_EqualsWhatRpmReadsFromIt()
    {
        // rpm reads the same blob once it is a row of a database rpm itself initialised.
        var directory = databases.NewDirectory("header");
        await ExternalTool.RunAsync("rpm", ["--initdb", "--dbpath", directory, "--define", "_db_backend sqlite"], CancellationToken.None);
        var blob = await File.ReadAllBytesAsync(HeaderFile);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "rpmdb.sqlite")};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Packages (hnum, blob) VALUES (1, $blob)";
            insert.Parameters.AddWithValue("$blob", blob);
            insert.ExecuteNonQuery();
        }

        var expected = Assert.Single(await RpmTestDatabases.QueryAsync(directory, "sqlite", CancellationToken.None));

        Assert.True(RpmHeader.TryParse(blob, out var header, out var error), error);
        Assert.Equal(expected.Name, header.Name);
        Assert.Equal(expected.Version, header.Version);
        Assert.Equal(expected.Release, header.Release);
        Assert.Equal(expected.Evr, header.Evr);
        Assert.Equal(expected.EpochNumber, (header.Epoch ?? 0).ToString());
        Assert.Equal(expected.Architecture, header.Architecture);
        Assert.Equal(expected.SourceRpm, header.SourceRpm);
        Assert.Equal(expected.License, header.License);
        Assert.Equal(expected.Vendor, header.Vendor);
        Assert.Equal(expected.ModularityLabel, header.ModularityLabel);
    }

    [Fact]
    public async Task TryParse_EveryTruncation_FailsWithAReasonAndNeverThrows()
    {
        var blob = await File.ReadAllBytesAsync(HeaderFile);

        for (var length = 0; length < blob.Length; length++)
        {
            Assert.False(RpmHeader.TryParse(blob.AsSpan(0, length), out _, out var error));
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Theory]
    [InlineData(0u, 100u, "declares 0 index entries")]
    [InlineData(0x10000u, 100u, "declares 65536 index entries")]
    [InlineData(0xFFFFFFFFu, 100u, "declares 4294967295 index entries")]
    [InlineData(1u, 0x10000000u, "declares 268435456 bytes of data")]
    [InlineData(1u, 0xFFFFFFFFu, "declares 4294967295 bytes of data")]
    [InlineData(0xFFFFu, 0x0FFFFFFFu, "truncated")]
    public void TryParse_HugeCounts_Fails(uint indexCount, uint dataLength, string reason)
    {
        var blob = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(blob, indexCount);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4), dataLength);

        Assert.False(RpmHeader.TryParse(blob, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task TryParse_NameOffsetOutsideTheDataStore_Fails(int offset)
    {
        var blob = await File.ReadAllBytesAsync(HeaderFile);
        SetEntryField(blob, tag: 1000, field: 2, offset);

        Assert.False(RpmHeader.TryParse(blob, out _, out var error));
        Assert.Contains("tag 1000", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryParse_StringWithoutTerminator_Fails()
    {
        var blob = await File.ReadAllBytesAsync(HeaderFile);
        var indexCount = (int)BinaryPrimitives.ReadUInt32BigEndian(blob);
        var dataLength = (int)BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(4));
        // Point the name at the last data byte and make it non-zero: the string has no end.
        SetEntryField(blob, tag: 1000, field: 2, dataLength - 1);
        blob[8 + (indexCount * 16) + dataLength - 1] = (byte)'x';

        Assert.False(RpmHeader.TryParse(blob, out _, out var error));
        Assert.Contains("runs past the end", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryParse_RegionTrailerOutsideTheDataStore_Fails()
    {
        var blob = await File.ReadAllBytesAsync(HeaderFile);
        SetEntryField(blob, tag: 63, field: 2, int.MaxValue - 3);

        Assert.False(RpmHeader.TryParse(blob, out _, out var error));
        Assert.Contains("region", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EpochOfWrongType_Fails()
    {
        var blob = databases.Blobs.Select(b => b.Blob).First(b => RpmHeader.TryParse(b, out var h, out _) && h.Epoch is > 0).ToArray();
        SetEntryField(blob, tag: 1003, field: 1, 6);

        Assert.False(RpmHeader.TryParse(blob, out _, out var error));
        Assert.Contains("epoch", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryParse_RandomMutations_NeverThrow()
    {
        var original = await File.ReadAllBytesAsync(HeaderFile);
        var random = new Random(20261126);
        var parsed = 0;
        for (var round = 0; round < 2000; round++)
        {
            var blob = original.ToArray();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                // Aim half the damage at the preamble and the index, where offsets and counts live.
                var position = random.Next(2) == 0 ? random.Next(Math.Min(blob.Length, 8 + (78 * 16))) : random.Next(blob.Length);
                blob[position] = (byte)random.Next(256);
            }

            if (RpmHeader.TryParse(blob, out var header, out _))
            {
                parsed++;
                Assert.NotNull(header.Name);
            }
        }

        Assert.InRange(parsed, 1, 2000); // most single-byte damage lands in data that is not read
    }

    /// <summary>Overwrites one field (0 tag, 1 type, 2 offset, 3 count) of the index entry for <paramref name="tag"/>.</summary>
    private static void SetEntryField(byte[] blob, int tag, int field, int value)
    {
        var indexCount = (int)BinaryPrimitives.ReadUInt32BigEndian(blob);
        for (var i = 0; i < indexCount; i++)
        {
            var entry = blob.AsSpan(8 + (i * 16), 16);
            if (BinaryPrimitives.ReadInt32BigEndian(entry) == tag)
            {
                BinaryPrimitives.WriteInt32BigEndian(entry[(field * 4)..], value);
                return;
            }
        }

        throw new InvalidOperationException($"The header has no tag {tag}.");
    }
}
