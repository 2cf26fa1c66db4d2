using Drydock.Commands;
using Drydock.Ecosystems;

namespace Drydock.Tests.Commands;

public sealed class VersionCompareCommandTests
{
    [Theory]
    // Expectations from upstream vectors: dpkg.tsv, rpm.tsv, apk.tsv, npm-semver.tsv (loose), go-semver.tsv; "abc" against
    // "1.0" (1, with only a warning) and ":1" (an error) as dpkg --compare-versions answers them.
    [InlineData("deb", "2.2~rc-4\t2.2-1\n1:0foo\t0foo\nabc\t1.0\n:1\t1.0\n", "-1\n1\n1\nerror: epoch in version is empty\n")]
    [InlineData("rpm", "1.0~rc1\t1.0\n1.0^\t1.0\n", "-1\n1\n")]
    [InlineData("apk", "1.0_alpha\t1.0\n1.0-r1\t1.0\n", "-1\n1\n")]
    [InlineData("npm", "1.2.3\t v1.2.3\n1.2.3-a.10\t1.2.3-a.5\n", "0\n1\n")]
    [InlineData("semver", "1.0.0-alpha\t1.0.0\n", "-1\n")]
    [InlineData("go", "v1.2.3\tv1.2\nv1.2.0\tv1.2\n", "1\n0\n")]
    [InlineData("cargo", "1.0.0\t1.0.0-rc.1\nnot-a-line\n", "1\nerror: expected A<TAB>B\n")]
    public async Task RunCompareAsync_SchemeLines_PrintsOneAnswerPerLine(string scheme, string input, string expected)
    {
        using var output = new StringWriter { NewLine = "\n" };

        var exitCode = await VersionCompareCommand.RunCompareAsync(
            BuiltInEcosystems.CreateRegistry(), scheme, new StringReader(input), output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public async Task RunSatisfiesAsync_NpmRanges_PrintsTrueFalseOrError()
    {
        // From npm-semver-range.tsv (default options): ^1.2.3 ∋ 1.8.1, 1.0.0 - 2.0.0 ∌ 2.2.3.
        using var output = new StringWriter { NewLine = "\n" };
        const string input = "^1.2.3\t1.8.1\n1.0.0 - 2.0.0\t2.2.3\n^1.2.3\t1.8.1\n>=1.0.0 junk!\t1.0.0\n";

        await VersionCompareCommand.RunSatisfiesAsync(BuiltInEcosystems.CreateRegistry(), "npm", new StringReader(input), output, CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["true", "false", "true"], lines[..3]);
        Assert.StartsWith("error: ", lines[3], StringComparison.Ordinal);
    }
}
