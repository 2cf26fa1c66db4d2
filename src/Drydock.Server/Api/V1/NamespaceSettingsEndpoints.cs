using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Data.Scans;
using Drydock.Registry.Namespaces;
using Drydock.Registry.Storage;
using Drydock.Server.Integration;
using Drydock.Server.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>PATCH /api/v1/namespaces/{ns}</c>: merges a JSON object into the namespace's settings (a member set to null is
/// removed). The scanning members are checked: <c>autoScan</c> and <c>preventVulnerable</c> booleans,
/// <c>severityThreshold</c> one of low, medium, high, critical; <c>storageQuotaBytes</c> a whole number of bytes.
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
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The body must be a JSON object of settings.");
        }

        var found = await registry.GetNamespaceAsync(name, cancellationToken);
        if (found is null)
        {
            return TypedResults.Problem($"There is no namespace '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Namespace not found");
        }

        var settings = JsonNode.Parse(found.SettingsJson) as JsonObject ?? [];
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Name is "autoScan" or "preventVulnerable" && member.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                return Invalid($"{member.Name} must be true or false.");
            }

            if (member.Name == "severityThreshold" && member.Value.ValueKind != JsonValueKind.Null
                && (member.Value.ValueKind != JsonValueKind.String || !NamespaceScanSettings.Severities.Contains(member.Value.GetString())))
            {
                return Invalid($"severityThreshold must be one of {string.Join(", ", NamespaceScanSettings.Severities)}.");
            }

            if (member.Name == NamespaceQuota.SettingName && member.Value.ValueKind != JsonValueKind.Null
                && !(member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt64(out var quota) && quota >= 0))
            {
                return Invalid($"{NamespaceQuota.SettingName} must be a whole number of bytes, 0 or more.");
            }

            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                settings.Remove(member.Name);
            }
            else
            {
                settings[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
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
