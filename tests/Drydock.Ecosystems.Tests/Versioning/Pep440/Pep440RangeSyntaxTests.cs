using Drydock.Ecosystems.Versioning.Pep440;

namespace Drydock.Ecosystems.Tests.Versioning.Pep440;

/// <summary>
/// Generation: current pypa/packaging (@ 053c8846), evaluated with prereleases=True as upstream's
/// test_specifiers does. All 188 vectors apply, including the 11 where Debian's packaging 23.0 differs
/// (">V" with local versions, "==2!1.0.*" padding): we follow the newer semantics.
/// </summary>
public sealed class Pep440RangeSyntaxTests
{
    [Fact]
    public void Contains_UpstreamSpecifierVectors_MatchPackaging()
    {
        var failures = new List<string>();
        foreach (var row in VersionVectors.Rows("pep440-specifiers.tsv"))
        {
            Assert.True(Pep440RangeSyntax.Instance.TryParse(row[0], out var range, out var reason), reason);
            var expected = bool.Parse(row[2]);
            if (range.Contains(row[1]) != expected)
            {
                failures.Add($"{row[0]} contains {row[1]}: expected {expected}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    // From PEP 440's text: "~= 2.2" is ">= 2.2, == 2.*"; "~= 1.4.5" is ">= 1.4.5, == 1.4.*".
    [InlineData("~= 2.2", "2.5", true)]
    [InlineData("~= 2.2", "3.0", false)]
    [InlineData("~= 1.4.5", "1.4.9", true)]
    [InlineData("~= 1.4.5", "1.5.0", false)]
    [InlineData(">= 1.0, != 1.3.4.*, < 2.0", "1.5", true)]
    [InlineData(">= 1.0, != 1.3.4.*, < 2.0", "1.3.4.1", false)]
    [InlineData(">= 1.0, != 1.3.4.*, < 2.0", "2.0", false)]
    [InlineData(">=1.0,<2.0", "1.9.9", true)]
    [InlineData("===1.0", "1.0", true)]
    [InlineData("===1.0", "1.0.0", false)]
    [InlineData("", "3.1", true)]
    [InlineData(">=1.0,", "1.5", true)]
    [InlineData("<3.1", "3.1.dev0", false)]
    [InlineData("<3.1", "3.0.dev0", true)]
    [InlineData(">3.1", "3.1.post0", false)]
    [InlineData(">=1.0", "not a version", false)]
    public void Contains_DocumentedExamples_Hold(string specifiers, string version, bool expected)
    {
        Assert.True(Pep440RangeSyntax.Instance.TryParse(specifiers, out var range, out var reason), reason);

        Assert.Equal(expected, range.Contains(version));
    }

    [Theory]
    [InlineData("~=1")]
    [InlineData(">=1.0.*")]
    [InlineData("<1.0+local")]
    [InlineData("=>1.0")]
    [InlineData("1.0")]
    [InlineData("==1.0a1.*")]
    public void TryParse_InvalidSpecifiers_GiveAReason(string specifiers)
    {
        Assert.False(Pep440RangeSyntax.Instance.TryParse(specifiers, out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }
}
