using System.Text;
using Drydock.Oci;

namespace Drydock.Oci.Tests;

public sealed class DigestTests
{
    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    public void TryParse_RegisteredAlgorithm_RoundTrips(string value)
    {
        Assert.True(Digest.TryParse(value, out var digest));
        Assert.Equal(value, digest.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void TryParse_Malformed_ReturnsFalse(string value)
    {
        Assert.False(Digest.TryParse(value, out _));
    }

    [Fact]
    public void Compute_EmptyContent_IsTheWellKnownEmptyDigest()
    {
        // sha256 of zero bytes, as `sha256sum /dev/null` prints it.
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest.Compute([]).ToString());
    }

    [Fact]
    public void ComputeSameAlgorithm_Sha512Digest_HashesWithSha512()
    {
        var sha512 = Digest.Parse("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");

        Assert.Equal(sha512, sha512.ComputeSameAlgorithm(Encoding.UTF8.GetBytes(string.Empty)));
    }
}
