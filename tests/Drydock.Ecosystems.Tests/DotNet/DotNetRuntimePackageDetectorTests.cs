using Drydock.Ecosystems.DotNet;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.DotNet;

public sealed class DotNetRuntimePackageDetectorTests
{
    private readonly DotNetRuntimePackageDetector _detector = new();

    [Theory]
    [InlineData("usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.1/Microsoft.NETCore.App.deps.json", true)]
    [InlineData("usr/lib/dotnet/shared/Microsoft.AspNetCore.App/8.0.1/Microsoft.AspNetCore.App.deps.json", true)]
    [InlineData("app/dotnet/shared/Microsoft.WindowsDesktop.App/8.0.1/Microsoft.WindowsDesktop.App.deps.json", true)]
    [InlineData("usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.1/Other.deps.json", false)]
    [InlineData("usr/share/dotnet/Microsoft.NETCore.App/8.0.1/Microsoft.NETCore.App.deps.json", false)]
    [InlineData("app/Microsoft.NETCore.App.deps.json", false)]
    public void IsCandidate_Path_MatchesSharedFrameworkManifests(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_ThisMachinesDotnetRoot_ReportsWhatDotnetListRuntimesLists()
    {
        var listed = (await ExternalTool.RunAsync("dotnet", ["--list-runtimes"], CancellationToken.None)).StandardOutput;
        var runtimes = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(parts => (Framework: parts[0], Version: parts[1], Root: parts[2].Trim('[', ']')))
            .ToList();
        Assert.NotEmpty(runtimes);
        var shared = Path.GetDirectoryName(runtimes[0].Root)!;

        var result = await DetectorRunner.RunTreeAsync(_detector, shared, "usr/share/dotnet/shared");

        Assert.Empty(result.Warnings);
        Assert.Equal(runtimes.Count, result.Packages.Count);
        foreach (var (framework, version, _) in runtimes)
        {
            var package = Assert.Single(result.Packages, p => p.Name.StartsWith(framework + ".Runtime.", StringComparison.Ordinal) && p.Version == version);
            Assert.Equal("nuget", package.Ecosystem);
            Assert.Equal($"pkg:nuget/{package.Name}@{version}", package.Purl);
        }
    }
}
