using Drydock.Oci;
using Drydock.Registry;
using Drydock.Registry.Errors;
using Drydock.Registry.Manifests;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;
using Drydock.Server.Api.V1;
using Drydock.Server.Lifecycle;
using Drydock.Server.Telemetry;
using Microsoft.Net.Http.Headers;

namespace Drydock.Server.Registry;

/// <summary><c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>: HEAD, GET (with Accept negotiation), PUT and DELETE, by tag or digest.</summary>
internal static class ManifestEndpoints
{
    public static async Task HandleAsync(HttpContext context, RepositoryName name, string referenceText)
    {
        if (!ManifestReference.TryParse(referenceText, out var reference))
        {
            // GET and HEAD answer 200 or 404, the only codes the distribution spec's endpoint table lists for them
            // (its conformance suite fetches ".INVALID_MANIFEST_NAME"): a reference that cannot be a tag or digest
            // names no manifest. A write of one is a bad request.
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                await OciErrorResult.WriteAsync(
                    context, await NotFoundAsync(context, name, OciErrorCode.ManifestUnknown.WithMessage($"'{referenceText}' is not a valid tag or digest", referenceText)));
                return;
            }

            var error = referenceText.Contains(':', StringComparison.Ordinal)
                ? OciErrorCode.DigestInvalid.WithMessage($"'{referenceText}' is not a sha256 or sha512 digest", referenceText)
                : OciErrorCode.ManifestInvalid.WithMessage($"'{referenceText}' is not a valid tag", referenceText);
            await OciErrorResult.WriteAsync(context, error);
            return;
        }

        var manifests = context.RequestServices.GetRequiredService<ManifestService>();
        switch (context.Request.Method)
        {
            case "GET":
            case "HEAD":
                await GetAsync(context, manifests, name, reference);
                return;
            case "PUT":
                await PutAsync(context, manifests, name, reference);
                return;
            case "DELETE":
                var deleted = await manifests.DeleteAsync(name, reference, context.RequestAborted);
                if (!deleted.Succeeded)
                {
                    await OciErrorResult.WriteAsync(context, deleted.Error);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            default:
                await RegistryEndpoints.UnsupportedAsync(context);
                return;
        }
    }

    private static async Task GetAsync(HttpContext context, ManifestService manifests, RepositoryName name, ManifestReference reference)
    {
        var found = await manifests.GetAsync(name, reference, context.RequestAborted);
        if (!found.Succeeded)
        {
            await OciErrorResult.WriteAsync(context, await NotFoundAsync(context, name, found.Error));
            return;
        }

        var manifest = found.Value;
        if (NotAcceptedMessage(context.Request, manifest.MediaType) is { } refusal)
        {
            await OciErrorResult.WriteAsync(context, OciErrorCode.ManifestUnknown.WithMessage(refusal, reference.ToString()));
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Content.Length;
        response.Headers[RegistryHeaders.ContentDigest] = manifest.Digest.ToString();
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(manifest.Content, context.RequestAborted);
            context.RequestServices.GetRequiredService<DrydockMetrics>().Pulled(manifest.Content.Length);
            context.RequestServices.GetRequiredService<PullRecorder>().Record(name.Value, manifest.Digest.ToString());
        }
    }

    /// <summary>A manifest that is not there is NAME_UNKNOWN when its repository is not there either, as distribution says.</summary>
    private static async Task<OciError> NotFoundAsync(HttpContext context, RepositoryName name, OciError manifestUnknown)
    {
        var store = context.RequestServices.GetRequiredService<IRegistryStore>();
        return manifestUnknown.Code == OciErrorCode.ManifestUnknown && !await store.RepositoryExistsAsync(name.Value, context.RequestAborted)
            ? OciErrorCode.NameUnknown.With(name.Value)
            : manifestUnknown;
    }

    /// <summary>
    /// Follows distribution: an OCI manifest or index is served only to a client whose Accept names its media
    /// type (otherwise 404 MANIFEST_UNKNOWN with distribution's message); Docker types are served as stored.
    /// A wildcard (<c>*/*</c>, <c>application/*</c>) accepts everything.
    /// </summary>
    private static string? NotAcceptedMessage(HttpRequest request, string mediaType)
    {
        var description = mediaType switch
        {
            MediaTypes.OciManifest => "OCI manifest found, but accept header does not support OCI manifests",
            MediaTypes.OciIndex => "OCI index found, but accept header does not support OCI indexes",
            _ => null,
        };
        if (description is null)
        {
            return null;
        }

        foreach (var value in request.Headers.Accept)
        {
            if (value is null || !MediaTypeHeaderValue.TryParseList([value], out var accepted))
            {
                continue;
            }

            foreach (var type in accepted)
            {
                var text = type.MediaType.Value;
                if (text == mediaType || text == "*/*" || text == "application/*")
                {
                    return null;
                }
            }
        }

        return description;
    }

    private static async Task PutAsync(HttpContext context, ManifestService manifests, RepositoryName name, ManifestReference reference)
    {
        var options = context.RequestServices.GetRequiredService<RegistryOptions>();

        // A manifest has its own limit, checked while reading, with an OCI error; the server-wide one is smaller.
        BadRequestProblems.SetBodyLimit(context, null);
        var content = await ReadBodyAsync(context.Request, options.MaxManifestBytes, context.RequestAborted);
        if (content is null)
        {
            await OciErrorResult.WriteAsync(context, OciErrorCode.ManifestInvalid.WithMessage($"manifest is larger than {options.MaxManifestBytes} bytes"));
            return;
        }

        var stored = await manifests.PutAsync(name, reference, context.Request.ContentType, content, context.RequestAborted);
        if (!stored.Succeeded)
        {
            await OciErrorResult.WriteAsync(context, stored.Error);
            return;
        }

        context.RequestServices.GetRequiredService<DrydockMetrics>().Pushed(content.Length);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = $"/v2/{name}/manifests/{stored.Value.Digest}";
        response.Headers[RegistryHeaders.ContentDigest] = stored.Value.Digest.ToString();
        if (stored.Value.Subject is { } subject)
        {
            response.Headers[RegistryHeaders.OciSubject] = subject.ToString();
        }

        response.ContentLength = 0;
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
