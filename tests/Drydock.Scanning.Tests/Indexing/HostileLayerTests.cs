using System.Text;
using Drydock.Oci.Layers;
using Drydock.Scanning.Indexing;
using Drydock.Testing;
using Drydock.Testing.Images;

namespace Drydock.Scanning.Tests.Indexing;

/// <summary>Layers built to exhaust the scanner: each must end in a bounded result or a clear failure.</summary>
public sealed class HostileLayerTests
{
    [Fact]
    public async Task IndexAsync_DpkgStatusOfOneLongLine_FailsNamingTheLayerAndTheLimit()
    {
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l => l.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n").File("var/lib/dpkg/status", Encoding.ASCII.GetBytes(new string('a', 3 << 20))))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var error = await Assert.ThrowsAsync<LayerException>(() => IndexingFixture.IndexAsync($"oci:{temp.Path}"));

        Assert.Contains(image.LayerDigests[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("var/lib/dpkg/status has a line longer than", error.Message, StringComparison.Ordinal);
        Assert.Contains("The scan stopped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexAsync_ThousandEntriesLeavingTheRoot_KeepsAHundredWarningsAndCountsTheRest()
    {
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    l.File($"../escape-{i}", "x");
                }
            })
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        Assert.Equal(101, inventory.Warnings.Count);
        Assert.Equal(100, inventory.Warnings.Count(w => w.Contains("would leave the image root", StringComparison.Ordinal)));
        Assert.Equal($"layer {image.LayerDigests[0]}: and 900 more warnings", inventory.Warnings[^1]);
    }

    [Fact]
    public async Task IndexAsync_MorePackagesThanTheLayerCap_FailsNamingTheCap()
    {
        using var temp = new TempDirectory();
        var status = string.Concat(Enumerable.Range(0, 11).Select(i => $"Package: p{i}\nStatus: install ok installed\nVersion: 1.{i}\nArchitecture: amd64\n\n"));
        var image = await new TestImageBuilder()
            .AddLayer(l => l.File("var/lib/dpkg/status", status))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var error = await Assert.ThrowsAsync<LayerException>(
            () => IndexingFixture.IndexAsync($"oci:{temp.Path}", options: new IndexerOptions { MaxPackagesPerLayer = 10 }));

        Assert.Contains(image.LayerDigests[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("more than 10 packages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexAsync_PackagesUpToTheLayerCap_AreAllRead()
    {
        using var temp = new TempDirectory();
        var status = string.Concat(Enumerable.Range(0, 10).Select(i => $"Package: p{i}\nStatus: install ok installed\nVersion: 1.{i}\nArchitecture: amd64\n\n"));
        await new TestImageBuilder()
            .AddLayer(l => l.File("var/lib/dpkg/status", status))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}", options: new IndexerOptions { MaxPackagesPerLayer = 10 });

        Assert.Equal(10, inventory.Packages.Count);
    }

    [Fact]
    public async Task IndexAsync_ApkDatabaseLargerThanTheSharedBuffer_FailsInsteadOfSkippingIt()
    {
        // lib/apk/db/installed is read by more than one detector, so it is buffered; one past the buffer used to be
        // skipped with a warning, and the scan reported Success without the packages.
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l => l.File("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\n\n" + new string('#', 2 << 20)))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var error = await Assert.ThrowsAsync<LayerException>(
            () => IndexingFixture.IndexAsync($"oci:{temp.Path}", options: new IndexerOptions { MaxSharedFileBytes = 1 << 20 }));

        Assert.Contains(image.LayerDigests[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("lib/apk/db/installed", error.Message, StringComparison.Ordinal);
        Assert.Contains("the scan stopped", error.Message, StringComparison.Ordinal);
    }
}
