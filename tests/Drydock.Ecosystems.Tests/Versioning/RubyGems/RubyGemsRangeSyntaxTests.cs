using Drydock.Ecosystems.Versioning.RubyGems;

namespace Drydock.Ecosystems.Tests.Versioning.RubyGems;

/// <summary>RubyGems requirements, with the examples of the RubyGems "Patterns" guide and Gem::Requirement's docs.</summary>
public sealed class RubyGemsRangeSyntaxTests
{
    [Theory]
    // "~> 2.2" means ">= 2.2, < 3.0"; "~> 2.2.0" means ">= 2.2.0, < 2.3.0" (guides.rubygems.org/patterns).
    [InlineData("~> 2.2", "2.2", true)]
    [InlineData("~> 2.2", "2.9.9", true)]
    [InlineData("~> 2.2", "3.0", false)]
    [InlineData("~> 2.2.0", "2.2.9", true)]
    [InlineData("~> 2.2.0", "2.3.0", false)]
    [InlineData("~> 3.0.3", "3.0.2", false)]
    [InlineData(">= 1.0, < 2.0", "1.5", true)]
    [InlineData(">= 1.0, < 2.0", "2.0", false)]
    [InlineData("= 1.0", "1.0.0", true)]
    [InlineData("1.0", "1.0", true)]
    [InlineData("!= 1.0", "1.0.0", false)]
    [InlineData("> 1.0", "1.0.a", false)]
    [InlineData("< 1.0", "1.0.a", true)]
    [InlineData(">= 1.0", "not a version", false)]
    public void Contains_DocumentedExamples_Hold(string requirement, string version, bool expected)
    {
        Assert.True(RubyGemsRangeSyntax.Instance.TryParse(requirement, out var parsed, out var reason), reason);

        Assert.Equal(expected, parsed.Contains(version));
    }

    [Theory]
    [InlineData("=> 1.0")]
    [InlineData("~>")]
    [InlineData(">= junk")]
    public void TryParse_Invalid_GivesAReason(string requirement)
    {
        Assert.False(RubyGemsRangeSyntax.Instance.TryParse(requirement, out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }
}
