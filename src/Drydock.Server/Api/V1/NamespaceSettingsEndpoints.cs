using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Registry.Storage;
using Drydock.Server.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>PATCH /api/v1/namespaces/{ns}</c>: merges a JSON object into the namespace's settings (a member set to null is
/// removed) under the rules of <see cref="NamespaceSettingsPatch"/>: <c>autoScan</c>, <c>preventVulnerable</c> and <c>allowNotCovered</c>
/// booleans, <c>severityThreshold</c> one of low, medium, high, critical in any case, <c>storageQuotaBytes</c> a whole number of
/// bytes, nothing else.
/// </summary>
internal static class NamespaceSettingsEndpoints
{
    public static IEndpointRouteBuilder MapNamespaceSettingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPatch("/api/v1/namespaces/{name}", PatchAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<NamespaceResponse>, ProblemHttpResult>> PatchAsync(
        string name, JsonElement patch, IRegistryStore registry, IScanStore scans, NamespacePolicyCache policies, CancellationToken cancellationToken)
    {
        var found = await registry.GetNamespaceAsync(name, cancellationToken);
        if (found is null)
        {
            return TypedResults.Problem($"There is no namespace '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Namespace not found");
        }

        // Members an older Drydock stored without checking are dropped by the next change.
        var settings = NamespaceSettingsPatch.KnownOnly(found.SettingsJson);
        if (NamespaceSettingsPatch.Apply(settings, patch) is { } error)
        {
            return Invalid(error);
        }

        var json = settings.ToJsonString();
        await scans.UpdateNamespaceSettingsAsync(name, json, cancellationToken);
        policies.Invalidate(name);
        using var document = JsonDocument.Parse(json);
        return TypedResults.Ok(new NamespaceResponse(found.Name, found.CreatedAt, found.RepositoryCount, document.RootElement.Clone()));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid namespace settings");
}
