using Drydock.Ecosystems.PyPI;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PyPI;

public sealed class TomlLockPackageDetectorTests
{
    [Theory]
    [InlineData("app/poetry.lock", true)]
    [InlineData("poetry.lock", true)]
    [InlineData("app/mypoetry.lock", false)]
    public void IsCandidate_Path_MatchesPoetryLock(string path, bool expected) =>
        Assert.Equal(expected, TomlLockPackageDetector.Poetry.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_PoetryLock_ReadsPackagesAndDevCategory()
    {
        // The layout Poetry 1.x writes (Poetry cannot reach PyPI here to generate one).
        using var temp = new TempDirectory();
        var file = temp.Combine("poetry.lock");
        await File.WriteAllTextAsync(file, """
            [[package]]
            name = "certifi"
            version = "2023.7.22"
            description = "Python package for providing Mozilla's CA Bundle."
            category = "main"
            optional = false
            python-versions = ">=3.6"

            [[package]]
            name = "Pytest_Mock"
            version = "3.11.1"
            description = "Thin-wrapper around the mock package for easier use with pytest"
            category = "dev"
            optional = false
            python-versions = ">=3.7"

            [package.dependencies]
            pytest = ">=5.0"

            [package.extras]
            dev = ["pre-commit", "pytest-asyncio", "tox"]

            [metadata]
            lock-version = "1.1"
            python-versions = "^3.11"
            content-hash = "0"
            """);

        var result = await DetectorRunner.RunFileAsync(TomlLockPackageDetector.Poetry, file, "app/poetry.lock");

        Assert.Empty(result.Warnings);
        Assert.Equal(["certifi@2023.7.22", "pytest-mock@3.11.1"], result.NameVersions().Order());
        Assert.Equal("pytest-mock", Assert.Single(result.Packages, p => p.Development).Name);
    }

    [Fact]
    public async Task DetectAsync_UvLock_SkipsTheProjectItself()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("uv.lock");
        await File.WriteAllTextAsync(file, """
            version = 1
            requires-python = ">=3.12"

            [[package]]
            name = "fixture"
            version = "0.1.0"
            source = { virtual = "." }
            dependencies = [
                { name = "idna" },
            ]

            [[package]]
            name = "idna"
            version = "3.10"
            source = { registry = "https://pypi.org/simple" }
            sdist = { url = "https://files.pythonhosted.org/packages/idna-3.10.tar.gz", hash = "sha256:0", size = 190490 }
            wheels = [
                { url = "https://files.pythonhosted.org/packages/idna-3.10-py3-none-any.whl", hash = "sha256:1", size = 70442 },
            ]
            """);

        var result = await DetectorRunner.RunFileAsync(TomlLockPackageDetector.Uv, file, "app/uv.lock");

        Assert.Empty(result.Warnings);
        Assert.Equal(["idna@3.10"], result.NameVersions());
    }

    [Fact]
    public async Task DetectAsync_NotToml_WarnsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("uv.lock");
        await File.WriteAllTextAsync(file, "garbage");

        var result = await DetectorRunner.RunFileAsync(TomlLockPackageDetector.Uv, file, "app/uv.lock");

        Assert.Contains(result.Warnings, w => w.StartsWith("app/uv.lock", StringComparison.Ordinal));
    }
}
