using System.Text;
using Drydock.Oci.Manifests;
using Drydock.Testing.Oci;

namespace Drydock.Tests.Registry;

/// <summary>The images the end-to-end tests push: small but real, with several layers of different compressions.</summary>
internal static class TestImages
{
    public static readonly Platform Amd64 = new() { Os = "linux", Architecture = "amd64" };
    public static readonly Platform Arm64 = new() { Os = "linux", Architecture = "arm64", Variant = "v8" };

    /// <summary>Three layers (gzip, zstd, uncompressed) with files, folders, a symlink and a whiteout.</summary>
    public static async Task<BuiltManifest> MultiLayerAsync(
        OciLayoutBuilder layout, Platform platform, string flavour, CancellationToken cancellationToken)
    {
        var baseLayer = await layout.AddLayerAsync(
            [
                LayerEntry.Directory("etc"),
                LayerEntry.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
                LayerEntry.Directory("usr/bin"),
                LayerEntry.File("usr/bin/app", $"#!/bin/sh\necho {flavour} {platform}\n") with { Mode = (UnixFileMode)0b111_101_101 },
                LayerEntry.Symlink("usr/bin/app-link", "app"),
                LayerEntry.File("tmp/scratch", "to be removed"),
            ],
            LayerCompression.Gzip,
            cancellationToken);
        var middle = await layout.AddLayerAsync(
            [LayerEntry.File("opt/app/data.bin", Bytes(200_000, flavour)), LayerEntry.Whiteout("tmp/scratch")],
            LayerCompression.Zstd,
            cancellationToken);
        var top = await layout.AddLayerAsync(
            [LayerEntry.File("opt/app/VERSION", $"{flavour}\n")],
            LayerCompression.None,
            cancellationToken);
        return await layout.AddImageAsync([baseLayer, middle, top], platform, cancellationToken);
    }

    /// <summary>Gzip layers only: what every client (and Docker schema 2 conversion) handles.</summary>
    public static Task<BuiltManifest> GzipOnlyAsync(
        OciLayoutBuilder layout, Platform platform, string flavour, int layers, CancellationToken cancellationToken) =>
        layout.AddImageAsync(
            Enumerable.Range(1, layers).Select(i => (IEnumerable<LayerEntry>)
            [
                LayerEntry.File($"layer{i}/README", $"layer {i} of {flavour}\n"),
                LayerEntry.File($"layer{i}/payload.bin", Bytes(50_000 + i, $"{flavour}-{i}")),
            ]),
            LayerCompression.Gzip,
            platform,
            cancellationToken);

    /// <summary>Deterministic, poorly compressible bytes that differ by <paramref name="seed"/>.</summary>
    public static byte[] Bytes(int length, string seed)
    {
        var random = new Random(Encoding.UTF8.GetBytes(seed).Aggregate(17, (h, b) => (h * 31) + b));
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
