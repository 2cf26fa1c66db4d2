using System.Text.Json;
using Drydock.Data.Lifecycle;
using Drydock.Data.Scans;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;
using Drydock.Server.Integration;
using Drydock.Server.Lifecycle;
using Drydock.Server.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary><c>GET /api/v1/artifacts?repository=NS/REPO</c> and <c>GET /api/v1/repositories?namespace=NS</c>.</summary>
internal static class ArtifactEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapArtifactEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/artifacts", ListArtifactsAsync);
        endpoints.MapGet("/api/v1/repositories", ListRepositoriesAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<List<ArtifactResponse>>, ProblemHttpResult>> ListArtifactsAsync(
        string? repository, IRegistryStore registry, IScanStore scans, ImagePolicy policy, ILifecycleStore lifecycle, PullRecorder pullRecorder, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name))
        {
            return TypedResults.Problem($"'{repository}' is not a repository name.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid repository");
        }

        if (!await registry.RepositoryExistsAsync(name.Value, cancellationToken))
        {
            return TypedResults.Problem($"There is no repository '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Repository not found");
        }

        var artifacts = await scans.ListArtifactsAsync(name.Value, cancellationToken);
        var allowlist = await policy.GetAllowlistAsync(name.Namespace, cancellationToken);
        var pulls = (await lifecycle.ListPullsAsync(name.Value, cancellationToken)).ToDictionary(p => p.Digest, p => (p.Count, Last: p.LastPulledAt), StringComparer.Ordinal);
        foreach (var (digest, pending) in pullRecorder.Unflushed(name.Value))
        {
            pulls[digest] = pulls.TryGetValue(digest, out var stored)
                ? (stored.Count + pending.Count, pending.Last > stored.Last ? pending.Last : stored.Last)
                : pending;
        }

        return TypedResults.Ok(artifacts.Select(a => ToResponse(a, allowlist, pulls.GetValueOrDefault(a.ManifestDigest))).ToList());
    }

    private static async Task<Results<Ok<List<string>>, ProblemHttpResult>> ListRepositoriesAsync(
        string? @namespace, IRegistryStore registry, CancellationToken cancellationToken)
    {
        if (!RepositoryName.IsValidComponent(@namespace))
        {
            return TypedResults.Problem($"'{@namespace}' is not a namespace name.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid namespace");
        }

        if (await registry.GetNamespaceAsync(@namespace, cancellationToken) is null)
        {
            return TypedResults.Problem($"There is no namespace '{@namespace}'.", statusCode: StatusCodes.Status404NotFound, title: "Namespace not found");
        }

        var names = new List<string>();
        string? last = null;
        while (true)
        {
            var page = await registry.ListRepositoriesAsync(last, 1000, cancellationToken);
            names.AddRange(page.Where(r => r == @namespace || r.StartsWith(@namespace + "/", StringComparison.Ordinal)));
            if (page.Count < 1000)
            {
                break;
            }

            last = page[^1];
        }

        return TypedResults.Ok(names);
    }

    /// <summary>
    /// The status an artifact shows: the newest job while one is queued or running, else the stored result, else
    /// NotScanned; its summary with the namespace's allowlist applied now.
    /// </summary>
    private static ArtifactResponse ToResponse(ArtifactRecord artifact, ActiveAllowlist allowlist, (long Count, DateTimeOffset Last) pulls)
    {
        var job = artifact.LatestJob;
        var result = artifact.Result;
        var (status, reason) = job is { Status: ScanStatus.Queued or ScanStatus.Scanning } || (job is not null && result is null)
            ? (job.Status.ToString(), job.Reason)
            : result is not null ? (result.Status.ToString(), result.Reason) : ("NotScanned", null);
        return new ArtifactResponse(
            artifact.ManifestDigest,
            artifact.MediaType,
            artifact.Tags,
            artifact.PushedAt,
            status,
            reason,
            job?.Id,
            result?.ScannedAt,
            result is null ? null : AllowlistedSummary.Apply(JsonSerializer.Deserialize<ScanSummary>(result.SummaryJson, Json) ?? new ScanSummary(), allowlist),
            pulls.Count,
            pulls.Count == 0 ? null : pulls.Last);
    }
}
