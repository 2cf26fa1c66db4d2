using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Server.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Drydock.Server.Registry;

/// <summary>
/// Maps <c>/v2/…</c>: one catch-all route whose path is parsed by <see cref="V2Path"/> and handed to the
/// resource's endpoint class.
/// </summary>
internal static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/v2", DispatchAsync);
        endpoints.Map("/v2/{**path}", DispatchAsync);
        return endpoints;
    }

    private static async Task DispatchAsync(HttpContext context)
    {
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        if (!V2Path.TryParse(context.Request.Path.Value ?? string.Empty, out var path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (path.Resource == V2Resource.Base)
        {
            await BaseEndpoints.HandleAsync(context);
            return;
        }

        if (path.Resource == V2Resource.Catalog)
        {
            await CatalogEndpoints.HandleAsync(context);
            return;
        }

        if (!RepositoryName.TryParse(path.Name, out var name))
        {
            await OciErrorResult.WriteAsync(context, OciErrorCode.NameInvalid.With(path.Name));
            return;
        }

        // Every /v2 request has one route ("/v2/{**path}"); the resource tells a manifest GET from a blob upload on
        // http_server_request_duration_seconds.
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("drydock.registry.resource", path.Resource.ToString().ToLowerInvariant()));
        using var upload = path.Resource is V2Resource.UploadStart or V2Resource.Upload && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            ? context.RequestServices.GetRequiredService<DrydockMetrics>().UploadStarted()
            : default(DrydockMetrics.UploadScope?);
        var handler = path.Resource switch
        {
            V2Resource.Blob => BlobEndpoints.HandleAsync(context, name, path.Argument),
            V2Resource.UploadStart => UploadEndpoints.HandleStartAsync(context, name),
            V2Resource.Upload => UploadEndpoints.HandleSessionAsync(context, name, path.Argument),
            V2Resource.Manifest => ManifestEndpoints.HandleAsync(context, name, path.Argument),
            V2Resource.Tags => TagEndpoints.HandleAsync(context, name),
            V2Resource.Referrers => ReferrerEndpoints.HandleAsync(context, name, path.Argument),
            _ => UnsupportedAsync(context),
        };
        await handler;
    }

    /// <summary>405 UNSUPPORTED: the resource exists but not with this method.</summary>
    public static Task UnsupportedAsync(HttpContext context) =>
        OciErrorResult.WriteAsync(context, OciErrorCode.Unsupported.With($"{context.Request.Method} {context.Request.Path}"));

    /// <summary>The <c>n</c> query parameter: a non-negative page size, or null when absent or not a number.</summary>
    public static int? PageSize(HttpContext context) =>
        int.TryParse(context.Request.Query["n"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
