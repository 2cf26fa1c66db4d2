using Drydock.Data.Scans;
using Drydock.Registry.Manifests;
using Drydock.Registry.Names;
using Drydock.Server.Integration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary><c>POST /api/v1/scans</c>, <c>GET /api/v1/scans/{id}</c> and <c>DELETE /api/v1/scans/{id}</c> (stop).</summary>
internal static class ScanEndpoints
{
    public static IEndpointRouteBuilder MapScanEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/scans");
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapDelete("/{id}", StopAsync);
        return endpoints;
    }

    private static async Task<Results<Accepted<ScanResponse>, ProblemHttpResult>> CreateAsync(
        CreateScanRequest? request, ManifestService manifests, IScanStore scans, ScanQueueSignal signal, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(request?.Repository, out var repository))
        {
            return TypedResults.Problem($"'{request?.Repository}' is not a repository name.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid repository");
        }

        if (!ManifestReference.TryParse(request!.Reference, out var reference))
        {
            return TypedResults.Problem($"'{request.Reference}' is neither a tag nor a digest.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid reference");
        }

        var found = await manifests.GetAsync(repository, reference, cancellationToken);
        if (!found.Succeeded)
        {
            return TypedResults.Problem($"{repository} has no manifest {reference}.", statusCode: StatusCodes.Status404NotFound, title: "Manifest not found");
        }

        var job = await scans.EnqueueAsync(repository.Value, found.Value.Digest.ToString(), reference.ToString(), timeProvider.GetUtcNow(), cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/v1/scans/{job.Id}", ToResponse(job));
    }

    private static async Task<Results<Ok<ScanResponse>, ProblemHttpResult>> GetAsync(string id, IScanStore scans, CancellationToken cancellationToken) =>
        await scans.GetJobAsync(id, cancellationToken) is { } job ? TypedResults.Ok(ToResponse(job)) : NotFound(id);

    private static async Task<Results<Ok<ScanResponse>, ProblemHttpResult>> StopAsync(
        string id, IScanStore scans, ScanEvents events, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await scans.GetJobAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        const string Reason = "Stopped by request.";
        if (!await scans.StopAsync(id, Reason, timeProvider.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Problem($"The scan {id} has already finished.", statusCode: StatusCodes.Status409Conflict, title: "Scan finished");
        }

        var stopped = (await scans.GetJobAsync(id, cancellationToken))!;
        await events.FailedAsync(stopped, Reason, CancellationToken.None);
        return TypedResults.Ok(ToResponse(stopped));
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"There is no scan '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Scan not found");

    public static ScanResponse ToResponse(ScanJob job) => new(
        job.Id, job.Repository, job.Reference, job.ManifestDigest, job.Status.ToString(), job.Reason, job.Attempts, job.CreatedAt, job.UpdatedAt, job.FinishedAt);
}
