using Drydock.Ecosystems.Java;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Java;

public sealed class JavaArchivePackageDetectorTests
{
    private readonly JavaArchivePackageDetector _detector = new();

    public static TheoryData<string> Archives() => [.. JavaFixture.Expected.Keys];

    [Theory]
    [InlineData("app/app.jar", true)]
    [InlineData("usr/local/tomcat/webapps/ROOT.war", true)]
    [InlineData("opt/app.EAR", true)]
    [InlineData("var/jenkins_home/plugins/git.jpi", true)]
    [InlineData("app/app.jar.sha1", false)]
    [InlineData("app/jar", false)]
    public void IsCandidate_Path_MatchesJavaArchives(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Theory]
    [MemberData(nameof(Archives))]
    public async Task DetectAsync_ArchiveBuiltWithJar_ReportsTheArtifactsPutIn(string archive)
    {
        var fixture = await JavaFixture.GetAsync();

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, archive), $"app/{archive}");

        Assert.Empty(result.Warnings);
        Assert.Equal(JavaFixture.Expected[archive].Order(), result.NameVersions().Order());
    }

    [Fact]
    public async Task DetectAsync_PomProperties_NameAndPurlUseGroupAndArtifact()
    {
        var fixture = await JavaFixture.GetAsync();

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, "demo-lib-1.2.3.jar"), "app/demo-lib-1.2.3.jar");

        var package = Assert.Single(result.Packages, p => p.Name == "com.example:demo-lib");
        Assert.Equal(("maven", "pkg:maven/com.example/demo-lib@1.2.3"), (package.Ecosystem, package.Purl));
    }

    [Fact]
    public async Task DetectAsync_TruncatedArchive_WarnsNamingTheFile()
    {
        var fixture = await JavaFixture.GetAsync();
        using var temp = new TempDirectory();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fixture, "webapp-1.0.war"));
        var file = temp.Combine("broken.war");
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 3)]);

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/broken.war");

        Assert.Contains(result.Warnings, w => w.StartsWith("app/broken.war", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DetectAsync_NotAZip_WarnsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("fake.jar");
        await File.WriteAllTextAsync(file, "not a zip at all");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/fake.jar");

        Assert.Empty(result.Packages);
        Assert.Contains(result.Warnings, w => w.StartsWith("app/fake.jar", StringComparison.Ordinal));
    }
}
