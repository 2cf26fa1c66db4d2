using Drydock.Ecosystems.Php;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Php;

public sealed class ComposerInstalledPackageDetectorTests
{
    private readonly ComposerInstalledPackageDetector _detector = new();

    [Theory]
    [InlineData("var/www/vendor/composer/installed.json", true)]
    [InlineData("vendor/composer/installed.json", true)]
    [InlineData("var/www/myvendor/composer/installed.json", false)]
    [InlineData("var/www/vendor/composer/installed.php", false)]
    public void IsCandidate_Path_MatchesVendorInstalledJson(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_Composer2Install_ListsWhatComposerShowListsWithDevelopmentMarked()
    {
        var fixture = await ComposerFixture.GetAsync();
        var all = ComposerFixture.ReadShow(fixture, "show.json");
        var production = ComposerFixture.ReadShow(fixture, "show-no-dev.json");

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, "app", "vendor", "composer", "installed.json"), "var/www/vendor/composer/installed.json");

        Assert.Empty(result.Warnings);
        Assert.Equal(all.Order(), result.NameVersions().Order());
        Assert.Equal(all.Except(production).Order(), result.Packages.Where(p => p.Development).Select(p => $"{p.Name}@{p.Version}").Order());
    }

    [Fact]
    public async Task DetectAsync_Composer1Array_ReadsEveryPackage()
    {
        // Composer 1 wrote installed.json as a bare array of package objects.
        using var temp = new TempDirectory();
        var file = temp.Combine("installed.json");
        await File.WriteAllTextAsync(file, """[{"name":"monolog/monolog","version":"1.25.1","version_normalized":"1.25.1.0","type":"library"},{"name":"psr/log","version":"1.1.2","type":"library"}]""");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "vendor/composer/installed.json");

        Assert.Equal(["monolog/monolog@1.25.1", "psr/log@1.1.2"], result.NameVersions().Order());
    }
}
