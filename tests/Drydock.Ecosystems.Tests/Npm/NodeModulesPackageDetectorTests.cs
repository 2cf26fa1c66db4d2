using Drydock.Ecosystems.Npm;

namespace Drydock.Ecosystems.Tests.Npm;

public sealed class NodeModulesPackageDetectorTests
{
    private readonly NodeModulesPackageDetector _detector = new();

    [Theory]
    [InlineData("app/node_modules/express/package.json", true)]
    [InlineData("node_modules/express/package.json", true)]
    [InlineData("app/node_modules/@types/ms/package.json", true)]
    [InlineData("app/node_modules/a/node_modules/b/package.json", true)]
    [InlineData("app/node_modules/.pnpm/express@4.21.2/node_modules/express/package.json", true)]
    [InlineData("app/package.json", false)]
    [InlineData("app/node_modules/express/lib/package.json", false)]
    [InlineData("app/node_modules/@types/package.json", false)]
    [InlineData("app/node_modules/.bin/package.json", false)]
    [InlineData("app/my_node_modules/x/package.json", false)]
    [InlineData("app/node_modules/express/package.json.bak", false)]
    public void IsCandidate_Path_MatchesInstalledManifestsOnly(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_NpmInstalledTree_FindsWhatNpmLsLists()
    {
        var fixture = await NpmFixture.GetAsync();
        var expected = NpmFixture.ReadLsFile(fixture, "npm-ls.json");

        var result = await DetectorRunner.RunTreeAsync(_detector, Path.Combine(fixture, "npm"), "srv/app");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
        var scoped = Assert.Single(result.Packages, p => p.Name == "@types/ms");
        Assert.Equal("pkg:npm/%40types/ms@0.7.34", scoped.Purl);
        Assert.Equal("srv/app/node_modules/@types/ms/package.json", scoped.FilePath);
    }

    [Fact]
    public async Task DetectAsync_PnpmInstalledTree_FindsWhatPnpmListLists()
    {
        var fixture = await NpmFixture.GetAsync();
        var expected = NpmFixture.ReadLsFile(fixture, "pnpm-list.json");

        var result = await DetectorRunner.RunTreeAsync(_detector, Path.Combine(fixture, "pnpm"), "app");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
    }

    [Fact]
    public async Task DetectAsync_ManifestWithoutVersion_WarnsNamingTheFile()
    {
        using var temp = new Drydock.Testing.TempDirectory();
        var file = temp.Combine("package.json");
        await File.WriteAllTextAsync(file, """{"name":"x"}""");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "node_modules/x/package.json");

        Assert.Empty(result.Packages);
        Assert.Contains(result.Warnings, w => w.Contains("node_modules/x/package.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DetectAsync_NotJson_WarnsNamingTheFile()
    {
        using var temp = new Drydock.Testing.TempDirectory();
        var file = temp.Combine("package.json");
        await File.WriteAllTextAsync(file, "{ not json");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "node_modules/x/package.json");

        Assert.Empty(result.Packages);
        Assert.Contains(result.Warnings, w => w.StartsWith("node_modules/x/package.json", StringComparison.Ordinal));
    }
}
