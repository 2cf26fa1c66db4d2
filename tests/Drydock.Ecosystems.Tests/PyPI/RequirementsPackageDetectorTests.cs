using Drydock.Ecosystems.PyPI;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PyPI;

public sealed class RequirementsPackageDetectorTests
{
    private readonly RequirementsPackageDetector _detector = new();

    [Theory]
    [InlineData("app/requirements.txt", true)]
    [InlineData("requirements-dev.txt", true)]
    [InlineData("app/requirements/base.txt", false)]
    [InlineData("app/requirements.in", false)]
    public void IsCandidate_Path_MatchesRequirementsFiles(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_PipFreezeOutput_ReadsEveryPin()
    {
        // `pip freeze` writes the pinned form this detector reads; its output is the expectation.
        var frozen = (await ExternalTool.RunAsync("/root/.pyenv/versions/3.11.7/bin/python3", ["-m", "pip", "freeze", "--all"], CancellationToken.None)).StandardOutput;
        var expected = frozen.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains("==", StringComparison.Ordinal))
            .Select(line => line.Split("=="))
            .Select(parts => $"{PythonPackages.Normalise(parts[0])}@{parts[1].Trim()}")
            .ToHashSet();
        Assert.NotEmpty(expected);
        using var temp = new TempDirectory();
        var file = temp.Combine("requirements.txt");
        await File.WriteAllTextAsync(file, frozen);

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/requirements.txt");

        Assert.Equal(expected.Order(), result.NameVersions().Order());
    }

    [Fact]
    public async Task DetectAsync_MixedLines_ReadsExactPinsOnly()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("requirements.txt");
        await File.WriteAllTextAsync(file, """
            # comment
            --index-url https://example.org/simple
            -r other.txt
            Django==4.2.7 ; python_version >= "3.8"  # web
            requests[socks]==2.31.0 \
                --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f
            flask>=2.0
            numpy
            git+https://github.com/x/y.git#egg=y
            zope.interface===6.1
            """);

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/requirements.txt");

        Assert.Equal(["django@4.2.7", "requests@2.31.0", "zope-interface@6.1"], result.NameVersions().Order());
    }
}
