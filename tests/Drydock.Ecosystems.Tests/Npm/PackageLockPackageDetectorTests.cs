using Drydock.Ecosystems.Npm;

namespace Drydock.Ecosystems.Tests.Npm;

public sealed class PackageLockPackageDetectorTests
{
    private readonly PackageLockPackageDetector _detector = new();

    [Theory]
    [InlineData("app/package-lock.json", true)]
    [InlineData("package-lock.json", true)]
    [InlineData("app/npm-shrinkwrap.json", true)]
    [InlineData("app/node_modules/.package-lock.json", false)]
    [InlineData("app/node_modules/x/package-lock.json", false)]
    [InlineData("app/my-package-lock.json", false)]
    public void IsCandidate_Path_MatchesLockfilesOutsideNodeModules(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Theory]
    [InlineData("npm")]
    [InlineData("lock-v1")]
    [InlineData("lock-v2")]
    public async Task DetectAsync_RealLockfile_ListsWhatNpmLsListsWithDevelopmentMarked(string folder)
    {
        var fixture = await NpmFixture.GetAsync();
        var all = NpmFixture.ReadLsFile(fixture, "npm-ls.json");
        var production = NpmFixture.ReadLsFile(fixture, "npm-ls-prod.json");

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, folder, "package-lock.json"), "app/package-lock.json");

        Assert.Empty(result.Warnings);
        Assert.Equal(all.Order(), result.NameVersions().Order());
        var development = result.Packages.Where(p => p.Development).Select(p => $"{p.Name}@{p.Version}").ToHashSet();
        Assert.Equal(all.Except(production).Order(), development.Order());
    }

    [Theory]
    [InlineData("npm")]
    [InlineData("lock-v1")]
    [InlineData("lock-v2")]
    public async Task DetectAsync_RealLockfile_InstallPathsAreTheFoldersNpmInstalled(string folder)
    {
        var fixture = await NpmFixture.GetAsync();

        // The oracle is the tree npm wrote: every folder directly in a node_modules (or its @scope) with a package.json.
        var root = Path.Combine(fixture, "npm");
        var installed = Directory.EnumerateFiles(Path.Combine(root, "node_modules"), "package.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Where(d => d.Split('/') is var parts && (parts[^2] == "node_modules" || (parts.Length > 2 && parts[^2].StartsWith('@') && parts[^3] == "node_modules")))
            .Where(d => !d.Split('/').Any(part => part.StartsWith('.')))
            .Select(d => $"app/{d}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, folder, "package-lock.json"), "app/package-lock.json");

        Assert.Equal(installed, result.Packages.Select(p => p.InstallPath!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DetectAsync_TruncatedLockfile_WarnsNamingTheFile()
    {
        var fixture = await NpmFixture.GetAsync();
        using var temp = new Drydock.Testing.TempDirectory();
        var text = await File.ReadAllTextAsync(Path.Combine(fixture, "npm", "package-lock.json"));
        var file = temp.Combine("package-lock.json");
        await File.WriteAllTextAsync(file, text[..(text.Length / 2)]);

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/package-lock.json");

        Assert.Empty(result.Packages);
        Assert.Contains(result.Warnings, w => w.StartsWith("app/package-lock.json", StringComparison.Ordinal));
    }
}
