using Drydock.Registry.Errors;

namespace Drydock.Registry.Tests.Errors;

public sealed class OciErrorCodeTests
{
    // distribution-spec spec.md "Error Codes": code and message as the table lists them.
    public static TheoryData<string, string> SpecTable => new()
    {
        { "BLOB_UNKNOWN", "blob unknown to registry" },
        { "BLOB_UPLOAD_INVALID", "blob upload invalid" },
        { "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry" },
        { "DIGEST_INVALID", "provided digest did not match uploaded content" },
        { "MANIFEST_BLOB_UNKNOWN", "manifest references a manifest or blob unknown to registry" },
        { "MANIFEST_INVALID", "manifest invalid" },
        { "MANIFEST_UNKNOWN", "manifest unknown to registry" },
        { "NAME_INVALID", "invalid repository name" },
        { "NAME_UNKNOWN", "repository name not known to registry" },
        { "SIZE_INVALID", "provided length did not match content length" },
        { "UNAUTHORIZED", "authentication required" },
        { "DENIED", "requested access to the resource is denied" },
        { "UNSUPPORTED", "the operation is unsupported" },
        { "TOOMANYREQUESTS", "too many requests" },
    };

    [Theory]
    [MemberData(nameof(SpecTable))]
    public void All_EachSpecCode_IsInTheCatalogueWithTheSpecMessage(string code, string message)
    {
        var entry = Assert.Single(OciErrorCode.All, c => c.Code == code);

        Assert.Equal(message, entry.Message);
    }

    [Fact]
    public void All_Codes_AreUnique()
    {
        Assert.Equal(OciErrorCode.All.Count, OciErrorCode.All.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void RangeInvalid_IsAnswered416AsDistributionDoes()
    {
        Assert.Equal(416, OciErrorCode.RangeInvalid.HttpStatus);
        Assert.Equal("RANGE_INVALID", OciErrorCode.RangeInvalid.Code);
    }
}
