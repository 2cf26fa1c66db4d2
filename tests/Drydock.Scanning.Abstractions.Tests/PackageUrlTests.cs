using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Abstractions.Tests;

public sealed class PackageUrlTests
{
    // Expected strings are examples from the purl specification's PURL-TYPES and test suite.
    [Fact]
    public void Create_DebianPackage_MatchesSpecificationExample()
    {
        var purl = PackageUrl.Create("deb", "debian", "curl", "7.50.3-1", [new("arch", "i386"), new("distro", "jessie")]);

        Assert.Equal("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", purl);
    }

    [Fact]
    public void Create_ScopedNpmPackage_EncodesAtSign()
    {
        var purl = PackageUrl.Create("npm", "@angular", "animation", "12.3.1");

        Assert.Equal("pkg:npm/%40angular/animation@12.3.1", purl);
    }

    [Fact]
    public void Create_RpmWithEpochQualifier_SortsQualifiers()
    {
        var purl = PackageUrl.Create("rpm", "fedora", "curl", "7.50.3-1.fc25", [new("epoch", "1"), new("arch", "i386"), new("distro", "fedora-25")]);

        Assert.Equal("pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25&epoch=1", purl);
    }

    [Fact]
    public void Create_EmptyQualifierValue_IsLeftOut()
    {
        Assert.Equal("pkg:gem/rails@7.0.0", PackageUrl.Create("gem", null, "rails", "7.0.0", [new("platform", null)]));
    }
}
