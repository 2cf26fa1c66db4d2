using Drydock.Ecosystems.PyPI;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PyPI;

public sealed class PythonRuntimePackageDetectorTests
{
    private readonly PythonRuntimePackageDetector _detector = new();

    [Theory]
    [InlineData("usr/local/include/python3.12/patchlevel.h", true)]
    [InlineData("opt/python/include/python3.11/patchlevel.h", true)]
    [InlineData("Python312/Include/patchlevel.h", true)]
    [InlineData("usr/include/python3.11/patchlevel.h", false)]
    [InlineData("usr/local/include/foo/patchlevel.h", false)]
    public void IsCandidate_Path_MatchesCPythonHeaders(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Theory]
    [InlineData("3.11.7")]
    [InlineData("3.12.1")]
    public async Task DetectAsync_PyenvBuiltPython_ReportsTheVersionPythonPrints(string pyenvVersion)
    {
        var root = $"/root/.pyenv/versions/{pyenvVersion}";
        var python = Path.Combine(root, "bin", "python3");
        Assert.True(File.Exists(python), $"{python} is expected on the test machine");
        var printed = (await ExternalTool.RunAsync(python, ["-c", "import platform; print(platform.python_version())"], CancellationToken.None)).StandardOutput.Trim();
        var minor = string.Join('.', printed.Split('.').Take(2));

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(root, "include", $"python{minor}", "patchlevel.h"), $"usr/local/include/python{minor}/patchlevel.h");

        var package = Assert.Single(result.Packages);
        Assert.Equal(("generic", "python", printed, $"pkg:generic/python@{printed}"), (package.Ecosystem, package.Name, package.Version, package.Purl));
    }
}
