using System.Text;
using Drydock.Ecosystems;
using Drydock.Oci.Layers;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Indexing;
using Drydock.Testing;
using Drydock.Testing.Images;

namespace Drydock.Scanning.Tests.Indexing;

public sealed class ImageIndexerTests
{
    private const string DebianOsRelease =
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";

    [Fact]
    public async Task IndexAsync_AlpineDockerArchive_FindsExactlyItsFourteenApkPackages()
    {
        var archive = TestPaths.Shared("images", "alpine-310.tar.gz");
        // The expectation comes from the image's own installed database, read with tar and awk.
        var expected = await ExternalTool.RunAsync(
            "bash",
            ["-c", "tar -xzOf \"$1\" --wildcards '*/layer.tar' | tar -xO lib/apk/db/installed | awk -F: '$1==\"P\"{p=$2} $1==\"V\"{v=$2} $1==\"A\"{a=$2} $1==\"o\"{o=$2} $1==\"\"&&p!=\"\"{print p\"\\t\"v\"\\t\"a\"\\t\"o; p=\"\"} END{if(p!=\"\")print p\"\\t\"v\"\\t\"a\"\\t\"o}' | sort", "_", archive],
            CancellationToken.None);
        var expectedLines = expected.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var inventory = await IndexingFixture.IndexAsync($"docker-archive:{archive}");

        Assert.Equal(14, expectedLines.Length);
        Assert.Equal(
            expectedLines,
            inventory.Packages.Select(p => $"{p.Name}\t{p.Version}\t{p.Architecture}\t{p.SourceName}").Order(StringComparer.Ordinal));
        Assert.Equal("alpine", inventory.Distribution?.Id);
        Assert.Equal("3.10", inventory.Distribution?.Release);
        Assert.Equal("3.10.4", inventory.Distribution?.Version);
        Assert.All(inventory.Packages, p => Assert.StartsWith($"pkg:apk/alpine/{PackageUrl.Encode(p.Name)}@", p.Purl, StringComparison.Ordinal));
        Assert.All(inventory.Packages, p => Assert.EndsWith("distro=alpine-3.10", p.Purl, StringComparison.Ordinal));
        Assert.All(inventory.Packages, p => Assert.Equal(inventory.Layers[0], p.LayerDigest));
    }

    [Fact]
    public async Task IndexAsync_DebootstrapImageInTwoLayers_EqualsDpkgQuery()
    {
        var root = await DebootstrapRoot.GetAsync(CancellationToken.None);
        using var temp = new TempDirectory();
        // Two layers: everything outside usr/ first, usr/ second (so /etc/os-release links across layers).
        var image = await new TestImageBuilder()
            .AddLayer(l => l.FromDirectory(root, path => !path.StartsWith("usr", StringComparison.Ordinal)))
            .AddLayer(l => l.FromDirectory(root, path => path.StartsWith("usr", StringComparison.Ordinal)))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var expected = await IndexingFixture.DpkgQueryAsync(Path.Combine(root, "var", "lib", "dpkg"));

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, IndexingFixture.DebLines(inventory));
        Assert.Equal(inventory.Packages.Count, IndexingFixture.DebLines(inventory).Count);
        Assert.Equal("debian", inventory.Distribution?.Id);
        Assert.Equal("12", inventory.Distribution?.Release);
        Assert.Equal("bookworm", inventory.Distribution?.Codename);
        Assert.All(inventory.Packages, p => Assert.Equal(image.LayerDigests[0], p.LayerDigest));
        Assert.All(inventory.Packages, p => Assert.Contains("distro=debian-12", p.Purl, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndexAsync_HostDpkgDatabaseThroughDir_EqualsDpkgQuery()
    {
        // dir:/ walks the whole disk (it works, but takes long on a shared machine); the same code path
        // runs here over a copy of the host's dpkg database and os-release.
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("var", "lib", "dpkg"));
        Directory.CreateDirectory(temp.Combine("etc"));
        Directory.CreateDirectory(temp.Combine("usr", "lib"));
        File.Copy("/var/lib/dpkg/status", temp.Combine("var", "lib", "dpkg", "status"));
        File.Copy("/usr/lib/os-release", temp.Combine("usr", "lib", "os-release"));
        File.CreateSymbolicLink(temp.Combine("etc", "os-release"), "../usr/lib/os-release");
        var expected = await IndexingFixture.DpkgQueryAsync("/var/lib/dpkg");

        var inventory = await IndexingFixture.IndexAsync($"dir:{temp.Path}");

        Assert.Equal(expected, IndexingFixture.DebLines(inventory));
        Assert.Equal("debian", inventory.Distribution?.Id);
    }

    [Fact]
    public async Task IndexAsync_LayersWithUpgradeRemovalWhiteoutAndOpaqueDirectory_CoalescesUpperLayersWin()
    {
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l => l
                .File("usr/lib/os-release", DebianOsRelease)
                .Symlink("etc/os-release", "../usr/lib/os-release")
                .File("var/lib/dpkg/status", Status(("alpha", "1.0"), ("bravo", "1.0"), ("charlie", "1.0")))
                .File("var/lib/dpkg/status.d/echo", Status(("echo", "1.0")))
                .File("lib/apk/db/installed", "P:xray\nV:1.0-r0\nA:x86_64\n\n"))
            .AddLayer(l => l
                .File("var/lib/dpkg/status", Status(("alpha", "1.0"), ("bravo", "2.0"), ("delta", "1.0"))))
            .AddLayer(l => l
                .Whiteout("lib/apk")
                .Opaque("var/lib/dpkg/status.d")
                .File("var/lib/dpkg/status.d/foxtrot", Status(("foxtrot", "1.0"))))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        var layers = inventory.Packages.ToDictionary(p => $"{p.Name}@{p.Version}", p => p.LayerDigest);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["alpha@1.0"] = image.LayerDigests[0],
                ["bravo@2.0"] = image.LayerDigests[1],
                ["delta@1.0"] = image.LayerDigests[1],
                ["foxtrot@1.0"] = image.LayerDigests[2],
            },
            layers);
        Assert.Equal("debian", inventory.Distribution?.Id);
        Assert.Equal("12", inventory.Distribution?.Release);
    }

    [Fact]
    public async Task IndexAsync_PackageReinstalledAfterRemoval_RecordsTheLayerThatReinstalledIt()
    {
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l => l.File("var/lib/dpkg/status", Status(("alpha", "1.0"))))
            .AddLayer(l => l.Whiteout("var/lib/dpkg/status"))
            .AddLayer(l => l.File("var/lib/dpkg/status", Status(("alpha", "1.0"))))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        Assert.Equal(image.LayerDigests[2], Assert.Single(inventory.Packages).LayerDigest);
    }

    [Fact]
    public async Task IndexAsync_HardLinkedReleaseFile_IsReadThroughTheLink()
    {
        using var temp = new TempDirectory();
        await new TestImageBuilder()
            .AddLayer(l => l
                .File("usr/lib/os-release", "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n")
                .HardLink("etc/os-release", "usr/lib/os-release"))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        Assert.Equal("3.19", inventory.Distribution?.Release);
    }

    [Fact]
    public async Task IndexAsync_HostileEntries_AreRefusedWithWarningsAndNothingIsWrittenOutside()
    {
        using var temp = new TempDirectory();
        var outside = Path.Combine(Path.GetTempPath(), $"drydock-escape-{Guid.NewGuid():N}");
        await new TestImageBuilder()
            .AddLayer(l => l
                .File($"../../../../../..{outside}", "escaped")
                .File("../var/lib/dpkg/status", Status(("sneaky", "1.0")))
                .File("/var/lib/dpkg/status", Status(("absolute", "1.0")))
                .Symlink("etc/os-release", "../../../../../../../etc/os-release"))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        Assert.False(File.Exists(outside));
        Assert.Equal(["absolute"], inventory.Packages.Select(p => p.Name));
        Assert.Contains(inventory.Warnings, w => w.Contains("'..' would leave the image root", StringComparison.Ordinal) && w.Contains("sneaky", StringComparison.Ordinal) is false);
        Assert.Equal(2, inventory.Warnings.Count(w => w.Contains("refused entry", StringComparison.Ordinal)));
        Assert.Contains(inventory.Warnings, w => w.Contains("absolute path", StringComparison.Ordinal));
        Assert.Contains(inventory.Warnings, w => w.Contains("leaves the image root", StringComparison.Ordinal));
        Assert.Null(inventory.Distribution);
    }

    [Fact]
    public async Task IndexAsync_GzipBomb_StopsWithAnErrorNamingTheLayer()
    {
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l => l.File("zeros", new byte[64 << 20]))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var options = new IndexerOptions { Limits = new LayerLimits { MaxRatio = 50, RatioCheckAfterBytes = 1 << 20 } };

        var error = await Assert.ThrowsAsync<LayerException>(() => IndexingFixture.IndexAsync($"oci:{temp.Path}", options: options));

        Assert.Contains(image.LayerDigests[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexAsync_LayerLargerThanTheLimit_StopsWithAnError()
    {
        using var temp = new TempDirectory();
        await new TestImageBuilder()
            .AddLayer(l => l.File("big", new byte[2 << 20]), uncompressed: true)
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var options = new IndexerOptions { Limits = new LayerLimits { MaxUncompressedBytes = 1 << 20 } };

        var error = await Assert.ThrowsAsync<LayerException>(() => IndexingFixture.IndexAsync($"oci:{temp.Path}", options: options));

        Assert.Contains("decompression limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexAsync_AlteredLayer_FailsNamingTheLayerDigest()
    {
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l => l.File("var/lib/dpkg/status", Status(("alpha", "1.0"))), uncompressed: true)
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var blob = temp.Combine("blobs", "sha256", image.LayerDigests[0]["sha256:".Length..]);
        var bytes = await File.ReadAllBytesAsync(blob);
        var at = Encoding.ASCII.GetString(bytes).IndexOf("alpha", StringComparison.Ordinal);
        bytes[at] = (byte)'A';
        await File.WriteAllBytesAsync(blob, bytes);

        var error = await Assert.ThrowsAsync<LayerException>(() => IndexingFixture.IndexAsync($"oci:{temp.Path}", cache: new FileLayerResultCache(temp.Combine("cache"))));

        Assert.Contains(image.LayerDigests[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match its digest", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("cache")) && Directory.EnumerateFiles(temp.Combine("cache")).Any());
    }

    [Fact]
    public async Task IndexAsync_ZstdAndUncompressedLayers_AreDetectedFromTheirBytes()
    {
        using var temp = new TempDirectory();
        var image = await new TestImageBuilder()
            .AddLayer(l => l.File("var/lib/dpkg/status", Status(("alpha", "1.0"))), output => new ZstdSharp.CompressionStream(output, leaveOpen: true), mediaType: "application/vnd.oci.image.layer.v1.tar+gzip")
            .AddLayer(l => l.File("var/lib/dpkg/status.d/bravo", Status(("bravo", "1.0"))), uncompressed: true, mediaType: "application/vnd.oci.image.layer.v1.tar+zstd")
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        Assert.Equal(["alpha", "bravo"], inventory.Packages.Select(p => p.Name));
        Assert.Equal(image.LayerDigests, inventory.Packages.Select(p => p.LayerDigest!));
    }

    [Fact]
    public async Task IndexAsync_SecondImageSharingTheBaseLayer_ReadsOnlyItsOwnLayer()
    {
        using var temp = new TempDirectory();
        static void Base(TestLayer l) => l.File("etc/os-release", DebianOsRelease).File("var/lib/dpkg/status", Status(("alpha", "1.0")));
        var first = await new TestImageBuilder().AddLayer(Base).AddLayer(l => l.File("var/lib/dpkg/status.d/one", Status(("one", "1.0"))))
            .WriteOciLayoutAsync(temp.Combine("first"), CancellationToken.None);
        var second = await new TestImageBuilder().AddLayer(Base).AddLayer(l => l.File("var/lib/dpkg/status.d/two", Status(("two", "1.0"))))
            .WriteOciLayoutAsync(temp.Combine("second"), CancellationToken.None);
        var cache = new FileLayerResultCache(temp.Combine("cache"));
        var indexer = new ImageIndexer(IndexingFixture.Registry, cache);

        var firstInventory = await IndexingFixture.IndexAsync($"oci:{temp.Combine("first")}", indexer: indexer);
        var secondInventory = await IndexingFixture.IndexAsync($"oci:{temp.Combine("second")}", indexer: indexer);
        var again = await IndexingFixture.IndexAsync($"oci:{temp.Combine("second")}", indexer: indexer);

        Assert.Equal(first.LayerDigests[0], second.LayerDigests[0]);
        Assert.Equal((2, 0), (firstInventory.LayersRead, firstInventory.CacheHits));
        Assert.Equal((1, 1), (secondInventory.LayersRead, secondInventory.CacheHits));
        Assert.Equal((0, 2), (again.LayersRead, again.CacheHits));
        Assert.Equal(3, indexer.Statistics.LayersRead);
        Assert.Equal(3, indexer.Statistics.CacheHits);
        Assert.Equal(secondInventory.Packages, again.Packages);
        Assert.Equal(["alpha", "two"], again.Packages.Select(p => p.Name));
    }

    [Fact]
    public async Task IndexAsync_DetectorThatThrows_BecomesAWarningAndTheScanGoesOn()
    {
        using var temp = new TempDirectory();
        await new TestImageBuilder()
            .AddLayer(l => l.File("var/lib/dpkg/status", Status(("alpha", "1.0"))))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var registry = EcosystemBuilder.Build([.. BuiltInEcosystems.All, new TestModule(new ThrowingDetector())]);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}", registry: registry);

        Assert.Equal(["alpha"], inventory.Packages.Select(p => p.Name));
        Assert.Contains(inventory.Warnings, w => w.Contains("detector throwing could not read var/lib/dpkg/status: broken on purpose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndexAsync_Cancelled_Propagates()
    {
        using var temp = new TempDirectory();
        await new TestImageBuilder()
            .AddLayer(l => l.File("var/lib/dpkg/status", Status(("alpha", "1.0"))))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var registry = EcosystemBuilder.Build([new TestModule(new CancellingDetector(cancellation))]);
        Assert.True(Drydock.Oci.Sources.ImageTarget.TryParse($"oci:{temp.Path}", out var target, out _));
        await using var source = await Drydock.Oci.Sources.ImageSources.OpenAsync(target, new(), CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ImageIndexer(registry, null).IndexAsync(source, null, cancellation.Token));
    }

    private static string Status(params (string Name, string Version)[] packages) =>
        string.Concat(packages.Select(p => $"Package: {p.Name}\nStatus: install ok installed\nVersion: {p.Version}\nArchitecture: amd64\n\n"));

    private sealed class TestModule(IPackageDetector detector) : IEcosystemModule
    {
        public string Name => $"test-{detector.Name}";

        public void Register(EcosystemBuilder builder) => builder.AddPackageDetector(detector);
    }

    private sealed class ThrowingDetector : IPackageDetector
    {
        public string Name => "throwing";

        public int Version => 1;

        public bool IsCandidate(string path) => path == "var/lib/dpkg/status";

        public async IAsyncEnumerable<Package> DetectAsync(LayerFile file, DetectionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new InvalidDataException("broken on purpose");
#pragma warning disable CS0162 // The iterator needs a yield to be one.
            yield break;
#pragma warning restore CS0162
        }
    }

    private sealed class CancellingDetector(CancellationTokenSource cancellation) : IPackageDetector
    {
        public string Name => "cancelling";

        public int Version => 1;

        public bool IsCandidate(string path) => path == "var/lib/dpkg/status";

        public async IAsyncEnumerable<Package> DetectAsync(LayerFile file, DetectionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await cancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            yield break;
        }
    }
}
