using Drydock.Ecosystems.Php;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Php;

public sealed class ComposerLockPackageDetectorTests
{
    private readonly ComposerLockPackageDetector _detector = new();

    [Theory]
    [InlineData("var/www/composer.lock", true)]
    [InlineData("composer.lock", true)]
    [InlineData("var/www/vendor/acme/x/composer.lock", false)]
    public void IsCandidate_Path_MatchesProjectLockfiles(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_LockfileComposerWrote_ListsWhatComposerShowListsWithDevelopmentMarked()
    {
        var fixture = await ComposerFixture.GetAsync();
        var all = ComposerFixture.ReadShow(fixture, "show.json");
        var production = ComposerFixture.ReadShow(fixture, "show-no-dev.json");

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, "app", "composer.lock"), "var/www/composer.lock");

        Assert.Empty(result.Warnings);
        Assert.Equal(all.Order(), result.NameVersions().Order());
        Assert.Equal(all.Except(production).Order(), result.Packages.Where(p => p.Development).Select(p => $"{p.Name}@{p.Version}").Order());
        Assert.Equal("pkg:composer/acme/core@2.0.1", Assert.Single(result.Packages, p => p.Name == "acme/core").Purl);
    }

    [Fact]
    public async Task DetectAsync_NotALockfile_WarnsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("composer.lock");
        await File.WriteAllTextAsync(file, "[1, 2]");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "var/www/composer.lock");

        Assert.Contains(result.Warnings, w => w.StartsWith("var/www/composer.lock", StringComparison.Ordinal));
    }
}
