using System.Text.Json;
using Drydock.Ecosystems.DotNet;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.DotNet;

public sealed class PackagesLockPackageDetectorTests
{
    private readonly PackagesLockPackageDetector _detector = new();

    [Fact]
    public async Task DetectAsync_LockFileDotnetRestoreWrote_ReportsWhatDotnetListPackageLists()
    {
        var fixture = await DotNetFixture.GetAsync();
        using var listed = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture, "list-package.json")));
        var expected = new HashSet<string>();
        foreach (var project in listed.RootElement.GetProperty("projects").EnumerateArray())
        {
            foreach (var framework in project.GetProperty("frameworks").EnumerateArray())
            {
                foreach (var section in new[] { "topLevelPackages", "transitivePackages" })
                {
                    if (framework.TryGetProperty(section, out var packages))
                    {
                        foreach (var package in packages.EnumerateArray())
                        {
                            expected.Add($"{package.GetProperty("id").GetString()}@{package.GetProperty("resolvedVersion").GetString()}");
                        }
                    }
                }
            }
        }

        Assert.NotEmpty(expected);

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, "app", "packages.lock.json"), "src/app/packages.lock.json");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
    }

    [Theory]
    [InlineData("packages_lock_simple.json")]
    [InlineData("packages_lock_subdependencies.json")]
    [InlineData("packages_lock_multi.json")]
    [InlineData("packages_lock_legacy.json")]
    public async Task DetectAsync_UpstreamSample_ReportsEveryResolvedNonProjectDependency(string name)
    {
        var file = TestPaths.Shared("pkgdb", "dotnet", "trivy-packages-lock", name);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var expected = document.RootElement.GetProperty("dependencies").EnumerateObject()
            .SelectMany(framework => framework.Value.EnumerateObject())
            .Where(d => d.Value.GetProperty("type").GetString() != "Project")
            .Select(d => $"{d.Name}@{d.Value.GetProperty("resolved").GetString()}")
            .ToHashSet();

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/packages.lock.json");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
    }
}
