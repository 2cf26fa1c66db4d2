using System.Text.Json;
using Drydock.Registry.Errors;
using Drydock.Server.Registry;
using Microsoft.AspNetCore.Http;

namespace Drydock.Server.Tests.Registry;

/// <summary>
/// Every catalogue code through the one mapping. UNAUTHORIZED and TOOMANYREQUESTS have no endpoint producing
/// them yet (no accounts, no rate limits), so the mapping is checked directly for all codes.
/// </summary>
public sealed class OciErrorResultTests
{
    // The spec's table (distribution-spec spec.md, "Error Codes") with distribution's statuses, plus RANGE_INVALID.
    public static TheoryData<string, int> Codes => new()
    {
        { "BLOB_UNKNOWN", 404 },
        { "BLOB_UPLOAD_INVALID", 400 },
        { "BLOB_UPLOAD_UNKNOWN", 404 },
        { "DIGEST_INVALID", 400 },
        { "MANIFEST_BLOB_UNKNOWN", 400 },
        { "MANIFEST_INVALID", 400 },
        { "MANIFEST_UNKNOWN", 404 },
        { "NAME_INVALID", 400 },
        { "NAME_UNKNOWN", 404 },
        { "SIZE_INVALID", 400 },
        { "UNAUTHORIZED", 401 },
        { "DENIED", 403 },
        { "UNSUPPORTED", 405 },
        { "TOOMANYREQUESTS", 429 },
        { "RANGE_INVALID", 416 },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task WriteAsync_EachCode_WritesStatusAndExactBody(string code, int status)
    {
        var error = OciErrorCode.All.Single(c => c.Code == code).With("some detail");
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        using var body = new MemoryStream();
        context.Response.Body = body;

        await OciErrorResult.WriteAsync(context, error);

        Assert.Equal(status, context.Response.StatusCode);
        using var document = JsonDocument.Parse(body.ToArray());
        var only = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(["errors"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["code", "message", "detail"], only.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, only.GetProperty("code").GetString());
        Assert.Equal(error.Message, only.GetProperty("message").GetString());
        Assert.Equal("some detail", only.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WriteAsync_Head_WritesStatusWithoutBody()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "HEAD";
        using var body = new MemoryStream();
        context.Response.Body = body;

        await OciErrorResult.WriteAsync(context, OciErrorCode.BlobUnknown.With());

        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal(0, body.Length);
    }
}
