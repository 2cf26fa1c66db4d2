using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;
using Drydock.Server.Registry;
using Drydock.Server.Telemetry;

namespace Drydock.Server.Policies;

/// <summary>
/// Enforces <c>preventVulnerable</c> on manifest GET and HEAD through <see cref="ImagePolicy"/>: a denied image is
/// answered with 403 DENIED naming why and where the report is.
/// </summary>
internal static class PullPolicyMiddleware
{
    public static IApplicationBuilder UsePullPolicy(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            || !V2Path.TryParse(context.Request.Path.Value ?? string.Empty, out var path)
            || path.Resource != V2Resource.Manifest
            || !RepositoryName.TryParse(path.Name, out var repository)
            || !ManifestReference.TryParse(path.Argument, out var reference))
        {
            await next(context);
            return;
        }

        var denial = await DenialAsync(context.RequestServices, repository, reference, context.RequestAborted);
        if (denial is null)
        {
            await next(context);
            return;
        }

        context.RequestServices.GetRequiredService<DrydockMetrics>().PullBlocked();
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        await OciErrorResult.WriteAsync(context, OciErrorCode.Denied.WithMessage(denial, $"{repository}:{reference}"));
    });

    private static async Task<string?> DenialAsync(IServiceProvider services, RepositoryName repository, ManifestReference reference, CancellationToken cancellationToken)
    {
        var settings = await services.GetRequiredService<NamespacePolicyCache>().GetAsync(repository.Namespace, cancellationToken);
        if (settings is not { PreventVulnerable: true })
        {
            return null;
        }

        var registry = services.GetRequiredService<IRegistryStore>();

        var manifest = reference.IsTag
            ? await registry.GetManifestByTagAsync(repository.Value, reference.Tag, cancellationToken)
            : await registry.GetManifestAsync(repository.Value, reference.Digest!.Value, cancellationToken);
        if (manifest is null)
        {
            // The registry answers MANIFEST_UNKNOWN as usual.
            return null;
        }

        var decision = await services.GetRequiredService<ImagePolicy>().EvaluateAsync(repository, manifest.Digest.ToString(), settings, cancellationToken);
        return decision.Reason;
    }
}
