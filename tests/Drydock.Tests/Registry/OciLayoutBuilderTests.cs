using Drydock.Testing;
using Drydock.Testing.Oci;

namespace Drydock.Tests.Registry;

/// <summary>The test image builder the registry tests (and later the scanner tests) rely on, checked with GNU tar.</summary>
public sealed class OciLayoutBuilderTests
{
    // tar prints times in the local zone.
    private static readonly Dictionary<string, string> Utc = new() { ["TZ"] = "UTC" };

    [Fact]
    public async Task AddImageAsync_SameInputTwice_SameDigests()
    {
        using var work = new TempDirectory("drydock-builder");
        var first = await TestImages.MultiLayerAsync(new OciLayoutBuilder(work.Combine("one")), TestImages.Amd64, "same", CancellationToken.None);
        var second = await TestImages.MultiLayerAsync(new OciLayoutBuilder(work.Combine("two")), TestImages.Amd64, "same", CancellationToken.None);

        Assert.Equal(first.Descriptor.Digest, second.Descriptor.Digest);
        Assert.Equal(OciLayout.VerifiedBlobDigests(work.Combine("one")), OciLayout.VerifiedBlobDigests(work.Combine("two")));
    }

    [ToolFact("tar")]
    public async Task AddLayerAsync_GzipLayer_TarListsEntriesWithFixedOwnerAndTime()
    {
        using var work = new TempDirectory("drydock-builder");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var layer = await layout.AddLayerAsync(
            [
                LayerEntry.Directory("etc"),
                LayerEntry.File("etc/os-release", "ID=debian\n"),
                LayerEntry.Symlink("etc/alias", "os-release"),
                LayerEntry.Whiteout("var/lib/old"),
                LayerEntry.OpaqueWhiteout("opt"),
            ],
            LayerCompression.Gzip,
            CancellationToken.None);

        var blob = layout.BlobPath(Drydock.Oci.Digest.Parse(layer.Descriptor.Digest));
        var listing = (await ExternalTool.RunAsync("tar", ["-tzvf", blob, "--full-time", "--numeric-owner"], CancellationToken.None, environment: Utc))
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "drwxr-xr-x 0/0 0 2024-01-01 00:00:00 etc/",
                "-rw-r--r-- 0/0 10 2024-01-01 00:00:00 etc/os-release",
                "lrwxrwxrwx 0/0 0 2024-01-01 00:00:00 etc/alias -> os-release",
                "-rw-r--r-- 0/0 0 2024-01-01 00:00:00 var/lib/.wh.old",
                "-rw-r--r-- 0/0 0 2024-01-01 00:00:00 opt/.wh..wh..opq",
            ],
            listing.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }
}
