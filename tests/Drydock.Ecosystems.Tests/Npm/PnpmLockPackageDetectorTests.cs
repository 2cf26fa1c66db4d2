using Drydock.Ecosystems.Npm;

namespace Drydock.Ecosystems.Tests.Npm;

public sealed class PnpmLockPackageDetectorTests
{
    private readonly PnpmLockPackageDetector _detector = new();

    [Theory]
    [InlineData("app/pnpm-lock.yaml", true)]
    [InlineData("pnpm-lock.yaml", true)]
    [InlineData("app/node_modules/.pnpm/lock.yaml", false)]
    [InlineData("app/node_modules/x/pnpm-lock.yaml", false)]
    public void IsCandidate_Path_MatchesPnpmLockOutsideNodeModules(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_RealV9Lockfile_ListsWhatPnpmListListsWithDevelopmentMarked()
    {
        var fixture = await NpmFixture.GetAsync();
        var all = NpmFixture.ReadLsFile(fixture, "pnpm-list.json");
        var production = NpmFixture.ReadLsFile(fixture, "pnpm-list-prod.json");

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, "pnpm", "pnpm-lock.yaml"), "app/pnpm-lock.yaml");

        Assert.Empty(result.Warnings);
        Assert.Equal(all.Order(), result.NameVersions().Order());
        var development = result.Packages.Where(p => p.Development).Select(p => $"{p.Name}@{p.Version}");
        Assert.Equal(all.Except(production).Order(), development.Order());
    }

    [Theory]
    [InlineData("5.4", "/@types/ms/0.7.34:\n    resolution: {integrity: sha512-x}\n    dev: false\n  /is-number/7.0.0:\n    resolution: {integrity: sha512-y}\n    dev: true\n")]
    [InlineData("'6.0'", "/@types/ms@0.7.34:\n    resolution: {integrity: sha512-x}\n    dev: false\n  /is-number@7.0.0:\n    resolution: {integrity: sha512-y}\n    dev: true\n")]
    public async Task DetectAsync_OlderLockfileVersions_ReadKeysAndDevFlags(string version, string packages)
    {
        using var temp = new Drydock.Testing.TempDirectory();
        var file = temp.Combine("pnpm-lock.yaml");
        await File.WriteAllTextAsync(file, $"lockfileVersion: {version}\n\npackages:\n\n  {packages}");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "pnpm-lock.yaml");

        Assert.Empty(result.Warnings);
        Assert.Equal(["@types/ms@0.7.34", "is-number@7.0.0"], result.NameVersions().Order());
        Assert.Equal("is-number", Assert.Single(result.Packages, p => p.Development).Name);
    }
}
