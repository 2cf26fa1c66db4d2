using Drydock.Ecosystems.PyPI;

namespace Drydock.Ecosystems.Tests.PyPI;

public sealed class PythonPackagesTests
{
    // The examples of PEP 503 ("Normalized Names") and the packaging.utils.canonicalize_name tests.
    [Theory]
    [InlineData("friendly-bard", "friendly-bard")]
    [InlineData("Friendly-Bard", "friendly-bard")]
    [InlineData("FRIENDLY-BARD", "friendly-bard")]
    [InlineData("friendly.bard", "friendly-bard")]
    [InlineData("friendly_bard", "friendly-bard")]
    [InlineData("friendly--bard", "friendly-bard")]
    [InlineData("FrIeNdLy-._.-bArD", "friendly-bard")]
    public void Normalise_Name_FollowsPep503(string name, string expected) =>
        Assert.Equal(expected, PythonPackages.Normalise(name));

    [Fact]
    public void Create_MixedCaseName_PurlUsesNormalisedName() =>
        Assert.Equal("pkg:pypi/pyyaml@6.0", PythonPackages.Create("PyYAML", "6.0", "x").Purl);
}
