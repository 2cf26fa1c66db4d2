using System.Text.RegularExpressions;
using Drydock.Ecosystems.Java;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Java;

public sealed class OpenJdkReleasePackageDetectorTests
{
    private readonly OpenJdkReleasePackageDetector _detector = new();

    [Theory]
    [InlineData("opt/java/openjdk/release", true)]
    [InlineData("usr/local/jdk-21/release", true)]
    [InlineData("usr/lib/jvm/java-17-openjdk-amd64/release", false)]
    [InlineData("etc/release", false)]
    [InlineData("opt/java/openjdk/releases", false)]
    public void IsCandidate_Path_MatchesJdkReleaseFiles(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_ThisMachinesJdk_ReportsTheVersionJavaPrints()
    {
        var javaHome = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(ResolveLinks("/usr/bin/java"))))!;
        var printed = (await ExternalTool.RunAsync("java", ["-version"], CancellationToken.None)).StandardError;
        var expected = Regex.Match(printed, "version \"([^\"]+)\"").Groups[1].Value;

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(javaHome, "release"), "opt/java/openjdk/release");

        var package = Assert.Single(result.Packages);
        Assert.Equal(("generic", "openjdk", expected, $"pkg:generic/openjdk@{expected}"), (package.Ecosystem, package.Name, package.Version, package.Purl));
    }

    private static string ResolveLinks(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
}
