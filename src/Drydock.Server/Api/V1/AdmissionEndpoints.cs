using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Oci;
using Drydock.Oci.Json;
using Drydock.Oci.Sources;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;
using Drydock.Server.Integration;
using Drydock.Server.Policies;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>POST /api/v1/admission</c>: a Kubernetes validating admission webhook (AdmissionReview <c>admission.k8s.io/v1</c>).
/// Every container, init container and ephemeral container image of a Pod, or of the pod template of a Deployment,
/// StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job or CronJob, that names this registry is resolved to a
/// manifest here and judged by its namespace's policy (the same decision as pull blocking, allowlist included); an
/// image this registry does not hold is denied; images of other registries follow <see cref="AdmissionOptions.OtherRegistries"/>.
/// The webhook has no side effects, so a dryRun request is answered like any other.
/// </summary>
internal static class AdmissionEndpoints
{
    private const string ApiVersion = "admission.k8s.io/v1";

    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    public static IEndpointRouteBuilder MapAdmissionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/admission", ReviewAsync);
        return endpoints;
    }

    private static async Task<IResult> ReviewAsync(
        HttpContext context, IRegistryStore registry, ImagePolicy policy, AdmissionOptions options, CancellationToken cancellationToken)
    {
        JsonObject? root;
        try
        {
            // Strict: a duplicate member or a string that is not UTF-8 is a 400 here, not a 500 when read.
            using var document = await StrictJson.ParseAsync(context.Request.Body, cancellationToken);
            root = document.RootElement.ValueKind == JsonValueKind.Object ? JsonObject.Create(document.RootElement.Clone()) : null;
        }
        catch (JsonException e)
        {
            return Invalid($"The body is not JSON: {e.Message}");
        }

        if (root is null || Text(root["apiVersion"]) != ApiVersion || Text(root["kind"]) != "AdmissionReview"
            || root["request"] is not JsonObject request || Text(request["uid"]) is not { } uid)
        {
            return Invalid($"The body must be an AdmissionReview of {ApiVersion} with request.uid.");
        }

        var images = Images(request);
        var denials = new List<string>();
        var hosts = options.RegistryHosts.Append(context.Request.Host.Value ?? string.Empty).Where(h => h.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // DELETE and CONNECT carry no new pod spec; their object is null and there is nothing to judge.
        foreach (var image in images.Distinct(StringComparer.Ordinal))
        {
            if (await JudgeAsync(image, hosts, registry, policy, options, cancellationToken) is { } reason)
            {
                denials.Add($"{image}: {reason}");
            }
        }

        var response = new JsonObject { ["uid"] = uid, ["allowed"] = denials.Count == 0 };
        if (denials.Count > 0)
        {
            response["status"] = new JsonObject
            {
                ["code"] = StatusCodes.Status403Forbidden,
                ["reason"] = "Forbidden",
                ["message"] = $"Drydock denied {denials.Count} of {images.Distinct(StringComparer.Ordinal).Count()} images: {string.Join("; ", denials)}",
            };
        }

        var answer = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "AdmissionReview", ["response"] = response };
        return TypedResults.Text(answer.ToJsonString(), "application/json");
    }

    /// <summary>Null when the image may run, else why not.</summary>
    private static async Task<string?> JudgeAsync(
        string image, HashSet<string> hosts, IRegistryStore registry, ImagePolicy policy, AdmissionOptions options, CancellationToken cancellationToken)
    {
        if (!RegistryReference.TryParse(image, out var reference, out var error))
        {
            return error;
        }

        if (!hosts.Contains(reference.Host))
        {
            return options.DenyOtherRegistries
                ? $"{reference.Host} is not this registry, and Scanning:Admission:OtherRegistries is deny"
                : null;
        }

        if (!RepositoryName.TryParse(reference.Repository, out var repository))
        {
            return $"'{reference.Repository}' is not a repository name of this registry";
        }

        // A digest pins the manifest even when a tag is written next to it, as the container runtime does.
        var manifest = reference.Digest is { } pinned
            ? Digest.TryParse(pinned, out var digest) ? await registry.GetManifestAsync(repository.Value, digest, cancellationToken) : null
            : await registry.GetManifestByTagAsync(repository.Value, reference.Tag ?? "latest", cancellationToken);
        var found = manifest is null ? null : await registry.GetNamespaceAsync(repository.Namespace, cancellationToken);
        if (manifest is null || found is null)
        {
            return $"this registry has no manifest {reference.Reference} in {repository}";
        }

        var decision = await policy.EvaluateAsync(repository, manifest.Digest.ToString(), NamespaceScanSettings.Read(found.SettingsJson), cancellationToken);
        return decision.Reason;
    }

    /// <summary>Every image of the object's pod spec, in container order.</summary>
    private static List<string> Images(JsonObject request)
    {
        if (request["object"] is not JsonObject target)
        {
            return [];
        }

        var kind = Text(target["kind"]) ?? Text(Member(request, "kind", "kind"));
        var spec = kind switch
        {
            "Pod" => target["spec"],
            "CronJob" => Member(target, "spec", "jobTemplate", "spec", "template", "spec"),
            "PodTemplate" => Member(target, "template", "spec"),
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "ReplicationController" or "Job" => Member(target, "spec", "template", "spec"),
            _ => null,
        };
        if (spec is not JsonObject podSpec)
        {
            return [];
        }

        var images = new List<string>();
        foreach (var list in ContainerLists)
        {
            foreach (var container in (podSpec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(container["image"]) is { Length: > 0 } image)
                {
                    images.Add(image);
                }
            }
        }

        return images;
    }

    /// <summary>The node at <paramref name="path"/> through objects only (indexing a string or number would throw), or null.</summary>
    private static JsonNode? Member(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject parent ? parent[name] : null;
        }

        return node;
    }

    /// <summary>The node's text, or null when it is absent or not a JSON string (a cast would throw on a number).</summary>
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text) ? text : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid AdmissionReview");
}
