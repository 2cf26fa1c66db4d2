using System.Formats.Tar;
using System.IO.Compression;
using Drydock.Oci.Layers;

namespace Drydock.Oci.Tests.Layers;

public sealed class LayerReaderTests
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("none")]
    public async Task ReadTarAsync_CompressionFromTheBytes_YieldsTheEntries(string compression)
    {
        var blob = Compress(Tar(("etc/hostname", "drydock\n"), ("etc/motd", "hello\n")), compression);

        var entries = await ReadAsync(blob, Digest.Compute(blob), LayerLimits.Default);

        Assert.Equal([("etc/hostname", "drydock\n"), ("etc/motd", "hello\n")], entries);
    }

    [Theory]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x08, 0x00 }, LayerCompression.Gzip)]
    [InlineData(new byte[] { 0x28, 0xb5, 0x2f, 0xfd }, LayerCompression.Zstd)]
    [InlineData(new byte[] { 0x65, 0x74, 0x63, 0x2f }, LayerCompression.None)]
    [InlineData(new byte[] { }, LayerCompression.None)]
    public void DetectCompression_MagicBytes_AreRecognised(byte[] magic, LayerCompression expected)
    {
        Assert.Equal(expected, LayerReader.DetectCompression(magic));
    }

    [Fact]
    public async Task ReadTarAsync_WrongDigest_ThrowsNamingTheLayer()
    {
        var blob = Compress(Tar(("a", "b")), "gzip");
        var claimed = Digest.Compute("something else"u8);

        var error = await Assert.ThrowsAsync<LayerException>(() => ReadAsync(blob, claimed, LayerLimits.Default));

        Assert.Contains(claimed.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(Digest.Compute(blob).ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadTarAsync_TrailingBytesAfterTheTar_AreCoveredByTheDigest()
    {
        var blob = Tar(("a", "b")).Concat(new byte[4096]).ToArray();

        var entries = await ReadAsync(blob, Digest.Compute(blob), LayerLimits.Default);

        Assert.Single(entries);
    }

    [Fact]
    public async Task ReadTarAsync_BombPastTheRatio_Throws()
    {
        var blob = Compress(Tar(("zeros", new string('\0', 8 << 20))), "gzip");
        var limits = new LayerLimits { MaxRatio = 20, RatioCheckAfterBytes = 1 << 20 };

        var error = await Assert.ThrowsAsync<LayerException>(() => ReadAsync(blob, Digest.Compute(blob), limits));

        Assert.Contains("decompression bomb", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<(string Name, string Content)>> ReadAsync(byte[] blob, Digest digest, LayerLimits limits)
    {
        var entries = new List<(string, string)>();
        await foreach (var entry in LayerReader.ReadTarAsync(new MemoryStream(blob), digest, limits, CancellationToken.None))
        {
            await using var content = entry.OpenContent();
            using var reader = new StreamReader(content);
            entries.Add((entry.Name, await reader.ReadToEndAsync()));
        }

        return entries;
    }

    private static byte[] Tar(params (string Name, string Content)[] files)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) });
            }
        }

        return output.ToArray();
    }

    private static byte[] Compress(byte[] data, string compression)
    {
        using var output = new MemoryStream();
        switch (compression)
        {
            case "gzip":
                using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(data);
                }

                break;
            case "zstd":
                using (var zstd = new ZstdSharp.CompressionStream(output, leaveOpen: true))
                {
                    zstd.Write(data);
                }

                break;
            default:
                return data;
        }

        return output.ToArray();
    }
}
