using Drydock.Ecosystems.PyPI;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PyPI;

public sealed class PipfileLockPackageDetectorTests
{
    private readonly PipfileLockPackageDetector _detector = new();

    [Fact]
    public async Task DetectAsync_PipenvLockfile_MarksDevelopSection()
    {
        // The layout pipenv writes (pipenv and PyPI are not reachable here to generate one).
        using var temp = new TempDirectory();
        var file = temp.Combine("Pipfile.lock");
        await File.WriteAllTextAsync(file, """
            {
                "_meta": {"hash": {"sha256": "0"}, "pipfile-spec": 6, "requires": {"python_version": "3.11"}, "sources": []},
                "default": {
                    "Flask": {"hashes": ["sha256:0"], "index": "pypi", "markers": "python_version >= '3.8'", "version": "==3.0.0"},
                    "local-lib": {"editable": true, "path": "."}
                },
                "develop": {
                    "pytest": {"hashes": ["sha256:1"], "index": "pypi", "version": "==7.4.3"}
                }
            }
            """);

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/Pipfile.lock");

        Assert.Empty(result.Warnings);
        Assert.Equal(["flask@3.0.0", "pytest@7.4.3"], result.NameVersions().Order());
        Assert.Equal("pytest", Assert.Single(result.Packages, p => p.Development).Name);
    }

    [Fact]
    public async Task DetectAsync_NotJson_WarnsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("Pipfile.lock");
        await File.WriteAllTextAsync(file, "{");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/Pipfile.lock");

        Assert.Contains(result.Warnings, w => w.StartsWith("app/Pipfile.lock", StringComparison.Ordinal));
    }
}
