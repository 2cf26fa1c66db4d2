using Drydock.Ecosystems.Versioning.Maven;

namespace Drydock.Ecosystems.Tests.Versioning.Maven;

/// <summary>Maven version ranges, with the examples of the POM reference ("Dependency Version Requirement
/// Specification") and VersionRange's documented behaviour.</summary>
public sealed class MavenRangeSyntaxTests
{
    [Theory]
    [InlineData("[1.0]", "1.0", true)]
    [InlineData("[1.0]", "1.0.1", false)]
    [InlineData("(,1.0]", "1.0", true)]
    [InlineData("(,1.0]", "1.1", false)]
    [InlineData("[1.2,1.3]", "1.2.5", true)]
    [InlineData("[1.0,2.0)", "2.0", false)]
    [InlineData("[1.0,2.0)", "2.0-SNAPSHOT", true)]
    [InlineData("[1.5,)", "1.5", true)]
    [InlineData("(,1.0],[1.2,)", "1.1", false)]
    [InlineData("(,1.0],[1.2,)", "1.2", true)]
    [InlineData("(,1.1),(1.1,)", "1.1", false)]
    [InlineData("(,1.1),(1.1,)", "1.1.1", true)]
    [InlineData("1.0", "0.1", true)]
    public void Contains_DocumentedExamples_Hold(string range, string version, bool expected)
    {
        Assert.True(MavenRangeSyntax.Instance.TryParse(range, out var parsed, out var reason), reason);

        Assert.Equal(expected, parsed.Contains(version));
    }

    [Theory]
    [InlineData("[1.0")]
    [InlineData("(1.0)")]
    [InlineData("[2.0,1.0]")]
    [InlineData("[1.0,2.0],[1.5,3.0]")]
    [InlineData("[1.0,2.0],3.0")]
    public void TryParse_Invalid_GivesAReason(string range)
    {
        Assert.False(MavenRangeSyntax.Instance.TryParse(range, out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }
}
