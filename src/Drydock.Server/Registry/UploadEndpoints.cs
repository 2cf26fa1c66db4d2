using Drydock.Registry.Names;
using Drydock.Server.Telemetry;
using Drydock.Registry.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Drydock.Server.Registry;

/// <summary>
/// <c>/v2/&lt;name&gt;/blobs/uploads/</c> (POST: start, monolithic with <c>digest</c>, or mount with
/// <c>mount</c>+<c>from</c>) and <c>/v2/&lt;name&gt;/blobs/uploads/&lt;id&gt;</c> (PATCH a chunk, PUT to finish,
/// GET the status, DELETE to cancel). Bodies stream to the staging area; none is buffered whole.
/// </summary>
internal static class UploadEndpoints
{
    public static async Task HandleStartAsync(HttpContext context, RepositoryName name)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await RegistryEndpoints.UnsupportedAsync(context);
            return;
        }

        AllowLargeAndSlowBody(context);
        var uploads = context.RequestServices.GetRequiredService<UploadService>();
        var query = context.Request.Query;
        var ct = context.RequestAborted;
        if (query.ContainsKey("mount"))
        {
            var mounted = await uploads.MountAsync(name, query["mount"], query["from"], ct);
            if (!mounted.Succeeded)
            {
                await OciErrorResult.WriteAsync(context, mounted.Error);
            }
            else if (mounted.Value.Mounted)
            {
                BlobCreated(context, name, query["mount"]!);
            }
            else
            {
                UploadAccepted(context, mounted.Value.Upload!, StatusCodes.Status202Accepted);
            }

            return;
        }

        if (query.ContainsKey("digest"))
        {
            var blob = await uploads.UploadMonolithicAsync(name, query["digest"], context.Request.ContentLength, context.Request.BodyReader, ct);
            if (!blob.Succeeded)
            {
                await OciErrorResult.WriteAsync(context, blob.Error);
                return;
            }

            context.RequestServices.GetRequiredService<DrydockMetrics>().Pushed(blob.Value.Size);
            BlobCreated(context, name, blob.Value.Digest.ToString());
            return;
        }

        var started = await uploads.StartAsync(name, ct);
        if (!started.Succeeded)
        {
            await OciErrorResult.WriteAsync(context, started.Error);
            return;
        }

        UploadAccepted(context, started.Value, StatusCodes.Status202Accepted);
    }

    public static async Task HandleSessionAsync(HttpContext context, RepositoryName name, string uploadId)
    {
        var uploads = context.RequestServices.GetRequiredService<UploadService>();
        var request = context.Request;
        var ct = context.RequestAborted;
        switch (request.Method)
        {
            case "GET":
            case "HEAD":
            {
                var status = await uploads.GetStatusAsync(name, uploadId, ct);
                if (!status.Succeeded)
                {
                    await OciErrorResult.WriteAsync(context, status.Error);
                    return;
                }

                UploadAccepted(context, status.Value, StatusCodes.Status204NoContent);
                return;
            }

            case "PATCH":
            {
                AllowLargeAndSlowBody(context);
                var appended = await uploads.AppendAsync(name, uploadId, request.Headers.ContentRange, request.ContentLength, request.BodyReader, ct);
                if (!appended.Succeeded)
                {
                    await OciErrorResult.WriteAsync(context, appended.Error);
                    return;
                }

                UploadAccepted(context, appended.Value, StatusCodes.Status202Accepted);
                return;
            }

            case "PUT":
            {
                AllowLargeAndSlowBody(context);
                string? contentRange = request.Headers.ContentRange;
                var blob = await uploads.CompleteAsync(name, uploadId, request.Query["digest"], contentRange, request.ContentLength, request.BodyReader, ct);
                if (!blob.Succeeded)
                {
                    await OciErrorResult.WriteAsync(context, blob.Error);
                    return;
                }

                context.RequestServices.GetRequiredService<DrydockMetrics>().Pushed(blob.Value.Size);
                BlobCreated(context, name, blob.Value.Digest.ToString());
                return;
            }

            case "DELETE":
            {
                var cancelled = await uploads.CancelAsync(name, uploadId, ct);
                if (!cancelled.Succeeded)
                {
                    await OciErrorResult.WriteAsync(context, cancelled.Error);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            default:
                await RegistryEndpoints.UnsupportedAsync(context);
                return;
        }
    }

    private static void BlobCreated(HttpContext context, RepositoryName name, string digest)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = $"/v2/{name}/blobs/{digest}";
        response.Headers[RegistryHeaders.ContentDigest] = digest;
        response.ContentLength = 0;
    }

    private static void UploadAccepted(HttpContext context, UploadStatus status, int statusCode)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers.Location = $"/v2/{status.Repository}/blobs/uploads/{status.Id}";
        response.Headers[RegistryHeaders.UploadUuid] = status.Id;

        // Range is inclusive and says which bytes the registry holds; distribution answers 0-0 for an empty upload.
        response.Headers.Range = $"0-{Math.Max(status.Length - 1, 0)}";
        if (statusCode != StatusCodes.Status204NoContent)
        {
            response.ContentLength = 0;
        }
    }

    private static void AllowLargeAndSlowBody(HttpContext context)
    {
        // Layers of hundreds of MB stream to disk; the server-wide body limit does not apply to uploads (the upload
        // service enforces its own size limit as the bytes arrive).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        // A client that compresses layers on the fly on a busy host sends in bursts with long pauses; Kestrel's
        // minimum body rate (240 B/s after 5 s) answered 162 of 200 such pushes with 408. An upload that stops
        // sending is reaped as an idle session instead (RegistryOptions.UploadExpiry).
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }
}
