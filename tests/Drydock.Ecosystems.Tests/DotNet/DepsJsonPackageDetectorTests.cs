using System.Text.Json;
using Drydock.Ecosystems.DotNet;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.DotNet;

public sealed class DepsJsonPackageDetectorTests
{
    private readonly DepsJsonPackageDetector _detector = new();

    [Theory]
    [InlineData("app/Fixture.deps.json", true)]
    [InlineData("usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.1/Microsoft.NETCore.App.deps.json", false)]
    [InlineData("app/shared/Microsoft.NETCore.App/8.0.1/Other.deps.json", true)]
    [InlineData("app/Fixture.runtimeconfig.json", false)]
    public void IsCandidate_Path_MatchesAppDepsJsonOnly(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_PublishedApp_ReportsThePackageLibrariesOfItsDepsJson()
    {
        var fixture = await DotNetFixture.GetAsync();
        var depsJson = Path.Combine(fixture, "publish", "Fixture.deps.json");
        var expected = PackageLibraries(depsJson);
        Assert.Contains("Dapper@2.1.66", expected);

        var result = await DetectorRunner.RunFileAsync(_detector, depsJson, "app/Fixture.deps.json");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
        Assert.Equal("pkg:nuget/Dapper@2.1.66", Assert.Single(result.Packages).Purl);
    }

    [Theory]
    [InlineData("trivy-deps", "happy.deps.json")]
    [InlineData("trivy-deps", "self-contained.deps.json")]
    [InlineData("trivy-deps", "without-runtime.deps.json")]
    [InlineData("trivy-deps", "multi-project.deps.json")]
    [InlineData("trivy-deps", "ambiguous-root.deps.json")]
    [InlineData("trivy-deps", "no-libraries.deps.json")]
    [InlineData("trivy-deps", "missing-target.deps.json")]
    [InlineData("syft", "MyApp.deps.json")]
    [InlineData("syft", "TestLibrary.deps.json")]
    public async Task DetectAsync_UpstreamSample_ReportsItsPackageAndRuntimePackLibraries(string folder, string name)
    {
        var file = TestPaths.Shared("pkgdb", "dotnet", folder, name);
        var expected = PackageLibraries(file);

        var result = await DetectorRunner.RunFileAsync(_detector, file, $"app/{name}");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
    }

    [Fact]
    public async Task DetectAsync_InvalidUpstreamSample_WarnsNamingTheFile()
    {
        var result = await DetectorRunner.RunFileAsync(_detector, TestPaths.Shared("pkgdb", "dotnet", "trivy-deps", "invalid.deps.json"), "app/invalid.deps.json");

        Assert.Empty(result.Packages);
        Assert.Contains(result.Warnings, w => w.StartsWith("app/invalid.deps.json", StringComparison.Ordinal));
    }

    // The deps.json format: "libraries": {"Name/Version": {"type": "package" | "project" | "reference" | "runtimepack"}};
    // a runtime pack's library name carries a "runtimepack." prefix before its NuGet name.
    private static HashSet<string> PackageLibraries(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        if (!document.RootElement.TryGetProperty("libraries", out var libraries))
        {
            return [];
        }

        return libraries.EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() is "package" or "runtimepack")
            .Select(l => l.Name.StartsWith("runtimepack.", StringComparison.Ordinal) ? l.Name["runtimepack.".Length..] : l.Name)
            .Select(n => n.Replace('/', '@'))
            .ToHashSet();
    }
}
