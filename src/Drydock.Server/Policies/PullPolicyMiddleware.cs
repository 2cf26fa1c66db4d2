using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;
using Drydock.Server.Integration;
using Drydock.Server.Registry;

namespace Drydock.Server.Policies;

/// <summary>
/// Enforces <c>preventVulnerable</c> on manifest GET and HEAD: an image at or above the namespace's severity threshold,
/// and an image not (successfully) scanned yet, is answered with 403 DENIED naming why and where the report is.
/// Artifacts the scanner does not support stay pullable (signatures, SBOMs).
/// </summary>
internal static class PullPolicyMiddleware
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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

        var report = $"/api/v1/reports?repository={repository}&reference={manifest.Digest}";
        var result = await services.GetRequiredService<IScanStore>().GetGoverningResultAsync(repository.Value, manifest.Digest.ToString(), cancellationToken);
        switch (result?.Status)
        {
            case null or ScanStatus.Queued or ScanStatus.Scanning:
                return $"{repository}@{manifest.Digest} has not been scanned yet and namespace {repository.Namespace} prevents pulling unscanned images; scan it with POST /api/v1/scans";
            case ScanStatus.Failed:
                return $"the scan of {repository}@{manifest.Digest} failed ({result.Reason}) and namespace {repository.Namespace} prevents pulling unscanned images";
            case ScanStatus.Unsupported:
                return null;
        }

        var summary = JsonSerializer.Deserialize<ScanSummary>(result.SummaryJson, Json);
        if (summary is not { Matched: true, Counts: { } counts })
        {
            // No matcher is wired: the image is indexed but its vulnerabilities are unknown, which the policy cannot judge.
            return null;
        }

        var threshold = NamespaceScanSettings.Severities.ToList().IndexOf(settings.SeverityThreshold);
        var offending = NamespaceScanSettings.Severities
            .Skip(threshold)
            .Select(s => (Severity: s, Count: counts.GetValueOrDefault(s)))
            .Where(c => c.Count > 0)
            .ToList();
        return offending.Count == 0
            ? null
            : $"{repository}@{manifest.Digest} has {string.Join(", ", offending.Select(o => $"{o.Count} {o.Severity}"))} vulnerabilities, at or above the {settings.SeverityThreshold} threshold of namespace {repository.Namespace}; see {report}";
    }
}
