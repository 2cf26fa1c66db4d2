using Drydock.Registry.Names;

namespace Drydock.Registry.Tests.Names;

public sealed class ManifestReferenceTests
{
    [Theory]
    [InlineData("latest")]
    [InlineData("1.0.0-rc.1")]
    [InlineData("_hidden")]
    [InlineData("A_b.C-d")]
    public void TryParse_Tag_IsTag(string value)
    {
        Assert.True(ManifestReference.TryParse(value, out var reference));
        Assert.True(reference.IsTag);
        Assert.Equal(value, reference.Tag);
    }

    [Fact]
    public void TryParse_TagOf128Characters_AcceptedAnd129Refused()
    {
        Assert.True(ManifestReference.TryParse(new string('a', 128), out _));
        Assert.False(ManifestReference.TryParse(new string('a', 129), out _));
    }

    [Theory]
    [InlineData("-lead")]
    [InlineData(".lead")]
    [InlineData("has/slash")]
    [InlineData("")]
    [InlineData("sha256:short")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    public void TryParse_Invalid_Refuses(string value)
    {
        Assert.False(ManifestReference.TryParse(value, out _));
    }

    [Fact]
    public void TryParse_Digest_IsDigest()
    {
        const string Digest = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

        Assert.True(ManifestReference.TryParse(Digest, out var reference));
        Assert.False(reference.IsTag);
        Assert.Equal(Digest, reference.Digest.ToString());
    }
}
