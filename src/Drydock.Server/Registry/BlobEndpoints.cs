using Drydock.Oci;
using Drydock.Registry.Blobs;
using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Server.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Drydock.Server.Registry;

/// <summary><c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>: HEAD, GET (with Range) and DELETE.</summary>
internal static class BlobEndpoints
{
    private const string BlobContentType = "application/octet-stream";

    public static async Task HandleAsync(HttpContext context, RepositoryName name, string digestText)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsDelete(method))
        {
            await RegistryEndpoints.UnsupportedAsync(context);
            return;
        }

        if (!Digest.TryParse(digestText, out var digest))
        {
            await OciErrorResult.WriteAsync(context, OciErrorCode.DigestInvalid.WithMessage($"'{digestText}' is not a sha256 or sha512 digest", digestText));
            return;
        }

        var blobs = context.RequestServices.GetRequiredService<BlobService>();
        var ct = context.RequestAborted;
        if (HttpMethods.IsDelete(method))
        {
            var deleted = await blobs.DeleteAsync(name, digest, ct);
            if (!deleted.Succeeded)
            {
                await OciErrorResult.WriteAsync(context, deleted.Error);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
            return;
        }

        var stat = await blobs.StatAsync(name, digest, ct);
        if (!stat.Succeeded)
        {
            await OciErrorResult.WriteAsync(context, stat.Error);
            return;
        }

        var response = context.Response;
        response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
        response.Headers.ETag = $"\"{digest}\"";
        response.Headers.CacheControl = "max-age=31536000";
        if (HttpMethods.IsHead(method))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = BlobContentType;
            response.ContentLength = stat.Value.Size;
            response.Headers.AcceptRanges = "bytes";
            return;
        }

        if (blobs.TryGetPhysicalPath(digest, out var path))
        {
            // The file result answers Range (206/416) and hands the bytes to IHttpResponseBodyFeature.SendFileAsync,
            // which the wrapper serves with one copy from the page cache into the socket's buffers.
            context.Features.Set<IHttpResponseBodyFeature>(new DirectFileResponseBodyFeature(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>()));
            await Results.File(path, BlobContentType, enableRangeProcessing: true).ExecuteAsync(context);
            Pulled(context, stat.Value.Size);
            return;
        }

        var stream = await blobs.OpenReadAsync(digest, ct);
        if (stream is null)
        {
            await OciErrorResult.WriteAsync(context, OciErrorCode.BlobUnknown.With(digest.ToString()));
            return;
        }

        await Results.Stream(stream, BlobContentType, enableRangeProcessing: true).ExecuteAsync(context);
        Pulled(context, stat.Value.Size);
    }

    // A range request counts the bytes of its range (what the file result set as the length), not the whole blob.
    private static void Pulled(HttpContext context, long size) =>
        context.RequestServices.GetRequiredService<DrydockMetrics>().Pulled(context.Response.ContentLength ?? size);
}
