using Drydock.Ecosystems.Versioning.Composer;

namespace Drydock.Ecosystems.Tests.Versioning.Composer;

/// <summary>Composer constraints, with the equivalences stated in Composer's documentation
/// (getcomposer.org/doc/articles/versions.md, "Writing Version Constraints").</summary>
public sealed class ComposerRangeSyntaxTests
{
    [Theory]
    // ">=1.0 <1.1 || >=1.2"
    [InlineData(">=1.0 <1.1 || >=1.2", "1.0.5", true)]
    [InlineData(">=1.0 <1.1 || >=1.2", "1.1", false)]
    [InlineData(">=1.0 <1.1 || >=1.2", "1.2.0", true)]
    [InlineData(">=1.0,<2.0", "2.0.0", false)]
    [InlineData(">= 1.0, < 2.0", "1.9", true)]
    // "1.0 - 2.0" is ">=1.0.0 <2.1"; "1.0.0 - 2.1.0" is ">=1.0.0 <=2.1.0".
    [InlineData("1.0 - 2.0", "2.0.9", true)]
    [InlineData("1.0 - 2.0", "2.1.0", false)]
    [InlineData("1.0.0 - 2.1.0", "2.1.0", true)]
    [InlineData("1.0.0 - 2.1.0", "2.1.1", false)]
    // "1.0.*" is ">=1.0 <1.1".
    [InlineData("1.0.*", "1.0.99", true)]
    [InlineData("1.0.*", "1.1.0", false)]
    [InlineData("*", "0.0.1", true)]
    // "~1.2" is ">=1.2 <2.0.0"; "~1.2.3" is ">=1.2.3 <1.3.0".
    [InlineData("~1.2", "1.9.9", true)]
    [InlineData("~1.2", "2.0.0", false)]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    // "^1.2.3" is ">=1.2.3 <2.0.0"; "^0.3" is ">=0.3.0 <0.4.0".
    [InlineData("^1.2.3", "1.9.0", true)]
    [InlineData("^1.2.3", "2.0.0", false)]
    [InlineData("^1.2.3", "1.2.2", false)]
    [InlineData("^0.3", "0.3.9", true)]
    [InlineData("^0.3", "0.4.0", false)]
    // Normalisation: v prefix, padding, stability names.
    [InlineData("<2.0", "v1.9.9", true)]
    [InlineData("<2.0", "2.0.0-beta1", false)]
    [InlineData("<=2.0", "2.0.0.0", true)]
    [InlineData("!=1.5", "1.5.0", false)]
    [InlineData(">=1.0", "dev-main", false)]
    [InlineData("dev-main", "dev-main", true)]
    [InlineData(">=1.0", "junk", false)]
    public void Contains_DocumentedExamples_Hold(string constraint, string version, bool expected)
    {
        Assert.True(ComposerRangeSyntax.Instance.TryParse(constraint, out var parsed, out var reason), reason);

        Assert.Equal(expected, parsed.Contains(version));
    }

    [Theory]
    [InlineData("")]
    [InlineData(">=junk")]
    [InlineData("^x.y")]
    public void TryParse_Invalid_GivesAReason(string constraint)
    {
        Assert.False(ComposerRangeSyntax.Instance.TryParse(constraint, out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }
}
