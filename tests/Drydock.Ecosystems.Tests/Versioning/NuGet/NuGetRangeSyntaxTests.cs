using Drydock.Ecosystems.Versioning.NuGet;

namespace Drydock.Ecosystems.Tests.Versioning.NuGet;

/// <summary>NuGet interval notation, with the examples of the NuGet "version ranges" documentation.</summary>
public sealed class NuGetRangeSyntaxTests
{
    [Theory]
    [InlineData("1.0", "1.0", true)]
    [InlineData("1.0", "0.9", false)]
    [InlineData("1.0", "5.0", true)]
    [InlineData("(1.0,)", "1.0", false)]
    [InlineData("(1.0,)", "1.0.1", true)]
    [InlineData("[1.0]", "1.0.0", true)]
    [InlineData("[1.0]", "1.0.1", false)]
    [InlineData("(,1.0]", "1.0", true)]
    [InlineData("(,1.0)", "1.0", false)]
    [InlineData("[1.0,2.0]", "2.0", true)]
    [InlineData("(1.0,2.0)", "2.0", false)]
    [InlineData("[1.0,2.0)", "1.5-beta", true)]
    [InlineData("[1.0,2.0)", "not a version", false)]
    public void Contains_DocumentedExamples_Hold(string range, string version, bool expected)
    {
        Assert.True(NuGetRangeSyntax.Instance.TryParse(range, out var parsed, out var reason), reason);

        Assert.Equal(expected, parsed.Contains(version));
    }

    [Theory]
    [InlineData("[1.0")]
    [InlineData("(1.0)")]
    [InlineData("[2.0,1.0]")]
    public void TryParse_Invalid_GivesAReason(string range)
    {
        Assert.False(NuGetRangeSyntax.Instance.TryParse(range, out _, out var reason));
        Assert.Contains(range, reason, StringComparison.Ordinal);
    }
}
