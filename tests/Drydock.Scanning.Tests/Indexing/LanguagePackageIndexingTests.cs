using System.Text;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Indexing;
using Drydock.Scanning.Reports;
using Drydock.Testing;
using Drydock.Testing.Images;
using Drydock.Testing.Schemas;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Scanning.Tests.Indexing;

/// <summary>
/// Language packages through the whole engine: real upstream sample files (../shared/testdata/pkgdb) in an
/// image, indexed by the layer walk, written as CycloneDX and SPDX, and read back from the layer cache.
/// </summary>
public sealed class LanguagePackageIndexingTests
{
    private static readonly string DepsJson = TestPaths.Shared("pkgdb", "dotnet", "syft", "MyApp.deps.json");
    private static readonly string ZippMetadata = TestPaths.Shared("pkgdb", "python", "trivy", "zipp-3.12.1.METADATA");
    private static readonly string SetuptoolsPkgInfo = TestPaths.Shared("pkgdb", "python", "trivy", "setuptools-51.3.3-py3.8.egg-info.PKG-INFO");

    [Fact]
    public async Task IndexAsync_DepsJsonAndPythonMetadata_FindsWhatTheFilesDeclare()
    {
        using var temp = new TempDirectory();
        await BuildImageAsync(temp.Path);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        // The expectation is read from the sample files themselves, not from our detectors.
        var expectedNuGet = ExpectedNuGetPackages();
        Assert.NotEmpty(expectedNuGet);
        Assert.Equal(
            expectedNuGet,
            inventory.Packages.Where(p => p.Ecosystem == EcosystemKeys.NuGet).Select(p => $"{p.Name}@{p.Version}").Order(StringComparer.Ordinal));
        var python = inventory.Packages.Where(p => p.Ecosystem == EcosystemKeys.PyPI).Select(p => $"{p.Name}@{p.Version}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Metadata(SetuptoolsPkgInfo), Metadata(ZippMetadata)], python);
        Assert.All(inventory.Packages, p => Assert.False(string.IsNullOrEmpty(p.LayerDigest)));
        Assert.All(inventory.Packages, p => Assert.False(string.IsNullOrEmpty(p.FilePath)));
    }

    [Fact]
    public async Task WriteAsync_LanguagePackages_CycloneDxAndSpdxAreSchemaValidAndListEveryPurl()
    {
        using var temp = new TempDirectory();
        await BuildImageAsync(temp.Path);
        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");
        Assert.NotEmpty(inventory.Packages);

        var cycloneDx = await WriteAsync(new CycloneDxInventoryWriter(TimeProvider.System), inventory);
        var spdx = await WriteAsync(new SpdxInventoryWriter(TimeProvider.System), inventory);

        Assert.Empty(SbomSchemas.ValidateCycloneDx(cycloneDx));
        Assert.Empty(SbomSchemas.ValidateSpdx(spdx));
        var cycloneDxPurls = JsonDocument.Parse(cycloneDx).RootElement.GetProperty("components").EnumerateArray()
            .Where(c => c.TryGetProperty("purl", out _)).Select(c => c.GetProperty("purl").GetString()).ToHashSet();
        var spdxPurls = JsonDocument.Parse(spdx).RootElement.GetProperty("packages").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("externalRefs", out var refs) ? refs.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(r => r.GetProperty("referenceType").GetString() == "purl").Select(r => r.GetProperty("referenceLocator").GetString()).ToHashSet();
        Assert.All(inventory.Packages, p => Assert.Contains(p.Purl, cycloneDxPurls));
        Assert.All(inventory.Packages, p => Assert.Contains(p.Purl, spdxPurls));
    }

    [Fact]
    public async Task IndexAsync_SecondRunFromTheLayerCache_GivesTheSameLanguagePackagesWithoutReadingTheLayer()
    {
        using var temp = new TempDirectory();
        using var cacheDirectory = new TempDirectory();
        await BuildImageAsync(temp.Path);
        var cache = new FileLayerResultCache(cacheDirectory.Path);

        var first = await IndexingFixture.IndexAsync($"oci:{temp.Path}", cache);
        var second = await IndexingFixture.IndexAsync($"oci:{temp.Path}", cache);

        Assert.Equal((1, 0), (first.LayersRead, first.CacheHits));
        Assert.Equal((0, 1), (second.LayersRead, second.CacheHits));
        Assert.Equal(Describe(first.Packages), Describe(second.Packages));
        Assert.Contains(second.Packages, p => p.Ecosystem == EcosystemKeys.NuGet);
        Assert.Contains(second.Packages, p => p.Ecosystem == EcosystemKeys.PyPI);
    }

    [Fact]
    public async Task IndexAsync_LockFileBesideTwoInstalledApps_JoinsTheNearestInstalledCopyOnly()
    {
        // syft's net8-app packages.lock.json and MyApp.deps.json share Newtonsoft.Json 13.0.3 (read from the files
        // below); the lock sits in app/src, beside app/MyApp.deps.json, farther from the copy in opt/other.
        var lockFile = TestPaths.Shared("pkgdb", "dotnet", "syft", "net8-app.packages.lock.json");
        using var temp = new TempDirectory();
        await new TestImageBuilder()
            .AddLayer(l => l
                .File("app/MyApp.deps.json", File.ReadAllBytes(DepsJson))
                .File("app/src/packages.lock.json", File.ReadAllBytes(lockFile))
                .File("opt/other/MyApp.deps.json", File.ReadAllBytes(DepsJson)))
            .WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var shared = ExpectedNuGetPackages().Intersect(LockedNuGetPackages(lockFile), StringComparer.Ordinal).ToList();
        Assert.Equal(["Newtonsoft.Json@13.0.3"], shared);

        var inventory = await IndexingFixture.IndexAsync($"oci:{temp.Path}");

        var copies = inventory.Packages.Where(p => p.Ecosystem == EcosystemKeys.NuGet && $"{p.Name}@{p.Version}" == shared[0]).OrderBy(p => p.FilePath, StringComparer.Ordinal).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal(["app/MyApp.deps.json", "app/src/packages.lock.json"], copies[0].Evidence);
        Assert.Equal(["opt/other/MyApp.deps.json"], copies[1].Evidence);

        // What the lock names and nothing installed has stays a package of the lock.
        var lockOnly = LockedNuGetPackages(lockFile).Except(ExpectedNuGetPackages(), StringComparer.Ordinal).ToList();
        Assert.NotEmpty(lockOnly);
        Assert.All(lockOnly, id => Assert.Single(inventory.Packages, p => $"{p.Name}@{p.Version}" == id && p.FilePath == "app/src/packages.lock.json"));
    }

    /// <summary>Every resolved dependency of a packages.lock.json, as name@version.</summary>
    private static HashSet<string> LockedNuGetPackages(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("dependencies").EnumerateObject()
            .SelectMany(framework => framework.Value.EnumerateObject())
            .Where(d => d.Value.TryGetProperty("resolved", out _))
            .Select(d => $"{d.Name}@{d.Value.GetProperty("resolved").GetString()}")
            .ToHashSet(StringComparer.Ordinal);
    }

    private static Task BuildImageAsync(string directory) =>
        new TestImageBuilder()
            .AddLayer(l => l
                .File("app/MyApp.deps.json", File.ReadAllBytes(DepsJson))
                .File("usr/lib/python3/dist-packages/zipp-3.12.1.dist-info/METADATA", File.ReadAllBytes(ZippMetadata))
                .File("usr/lib/python3.8/site-packages/setuptools-51.3.3-py3.8.egg-info/PKG-INFO", File.ReadAllBytes(SetuptoolsPkgInfo)))
            .WriteOciLayoutAsync(directory, CancellationToken.None);

    /// <summary>Every library of type package (or runtimepack) in the deps.json, as name@version.</summary>
    private static List<string> ExpectedNuGetPackages()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DepsJson));
        return
        [
            .. document.RootElement.GetProperty("libraries").EnumerateObject()
                .Where(l => l.Value.GetProperty("type").GetString() is "package" or "runtimepack")
                .Select(l => l.Name.Replace('/', '@'))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>name@version from the Name and Version headers of a core-metadata file, name normalised per PEP 503.</summary>
    private static string Metadata(string path)
    {
        var headers = File.ReadLines(path).TakeWhile(l => l.Length > 0).Where(l => l.Contains(": ", StringComparison.Ordinal))
            .Select(l => l.Split(": ", 2)).GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var name = System.Text.RegularExpressions.Regex.Replace(headers["Name"], "[-_.]+", "-").ToLowerInvariant();
        return $"{name}@{headers["Version"]}";
    }

    private static async Task<string> WriteAsync(IInventoryWriter writer, ImageInventory inventory)
    {
        using var output = new MemoryStream();
        await writer.WriteAsync(inventory, output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static List<string> Describe(IEnumerable<Package> packages) =>
        [.. packages.Select(p => $"{p.Purl} {p.LayerDigest} {p.FilePath} {p.Development}").Order(StringComparer.Ordinal)];
}
