using Drydock.Ecosystems.Npm;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Npm;

public sealed class NodeRuntimePackageDetectorTests
{
    private readonly NodeRuntimePackageDetector _detector = new();

    [Theory]
    [InlineData("usr/local/include/node/node_version.h", true)]
    [InlineData("opt/node-v20.1.0-linux-x64/include/node/node_version.h", true)]
    [InlineData("usr/include/node/node_version.h", false)]
    [InlineData("usr/local/include/node/v8-version.h", false)]
    [InlineData("usr/local/include/xnode/node_version.h", false)]
    public void IsCandidate_Path_MatchesTarballHeaders(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_ThisMachinesNodeHeader_ReportsTheVersionNodePrints()
    {
        var header = "/usr/include/node/node_version.h";
        Assert.True(File.Exists(header), "the nodejs package's header is expected on the test machine");
        var expected = (await ExternalTool.RunAsync("node", ["--version"], CancellationToken.None)).StandardOutput.Trim().TrimStart('v');

        var result = await DetectorRunner.RunFileAsync(_detector, header, "usr/local/include/node/node_version.h");

        var package = Assert.Single(result.Packages);
        Assert.Equal(("generic", "node", expected), (package.Ecosystem, package.Name, package.Version));
        Assert.Equal($"pkg:generic/node@{expected}", package.Purl);
    }
}
