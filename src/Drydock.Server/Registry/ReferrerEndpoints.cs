using Drydock.Oci;
using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Registry.Referrers;

namespace Drydock.Server.Registry;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;[?artifactType=]</c>: an OCI index of the manifests whose subject
/// is the digest. Never 404; <c>OCI-Filters-Applied: artifactType</c> when the filter was used.
/// </summary>
internal static class ReferrerEndpoints
{
    public static async Task HandleAsync(HttpContext context, RepositoryName name, string digestText)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await RegistryEndpoints.UnsupportedAsync(context);
            return;
        }

        if (!Digest.TryParse(digestText, out var digest))
        {
            await OciErrorResult.WriteAsync(context, OciErrorCode.DigestInvalid.WithMessage($"'{digestText}' is not a sha256 or sha512 digest", digestText));
            return;
        }

        string? artifactType = context.Request.Query["artifactType"];
        if (string.IsNullOrEmpty(artifactType))
        {
            artifactType = null;
        }

        var referrers = context.RequestServices.GetRequiredService<ReferrerService>();
        var index = await referrers.GetIndexAsync(name, digest, artifactType, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaTypes.OciIndex;
        response.ContentLength = index.Length;
        if (artifactType is not null)
        {
            response.Headers[RegistryHeaders.OciFiltersApplied] = "artifactType";
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(index, context.RequestAborted);
        }
    }
}
