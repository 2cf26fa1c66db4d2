using Drydock.Scanning.Advisories;
using Drydock.Server.Integration;
using Drydock.Server.Updates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>POST /api/v1/db/update</c> starts the advisory updater (202 with the run; while a run is in progress, that run),
/// <c>POST /api/v1/db/import</c> takes an offline bundle (the body, as <c>drydock db export</c> writes it), verifies it
/// and starts a run that swaps it in (202 with the run; 400 for a bundle that fails verification, 409 while another
/// run is in progress), and <c>GET /api/v1/db/status</c> shows the database in force, each source's state, the current or last run and the
/// schedule.
/// </summary>
internal static class DatabaseEndpoints
{
    public static IEndpointRouteBuilder MapDatabaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/db/update", Update);
        endpoints.MapPost("/api/v1/db/import", ImportAsync);
        endpoints.MapGet("/api/v1/db/status", StatusAsync);
        return endpoints;
    }

    private static Accepted<DatabaseUpdate> Update(DatabaseUpdateRunner runner) =>
        TypedResults.Accepted("/api/v1/db/status", runner.Start("api", out _, out _));

    private static async Task<Results<Accepted<DatabaseUpdate>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ServerMatcher matcher, DatabaseUpdateRunner runner, HttpLimitsOptions limits, CancellationToken cancellationToken)
    {
        // A bundle is far larger than the JSON bodies the default limit is made for.
        BadRequestProblems.SetBodyLimit(request.HttpContext, limits.MaxDatabaseImportBytes);

        // Staged beside the database, so that nothing is copied across file systems; the names are the request's own.
        var directory = Path.GetDirectoryName(matcher.DatabasePath)!;
        var id = Guid.NewGuid().ToString("N");
        var bundle = Path.Combine(directory, $"import-{id}.zip");
        var staged = Path.Combine(directory, $"import-{id}.sqlite");
        try
        {
            await using (var file = File.Create(bundle))
            {
                await request.Body.CopyToAsync(file, cancellationToken);
            }

            await OfflineBundle.ImportAsync(bundle, staged, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            DatabaseUpdateRunner.DeleteDatabaseFile(staged);
            return TypedResults.Problem(e.Message.Replace(bundle, "the bundle", StringComparison.Ordinal), statusCode: StatusCodes.Status400BadRequest, title: "Invalid bundle");
        }
        finally
        {
            File.Delete(bundle);
        }

        var update = runner.StartImport(staged, out var started);
        return started
            ? TypedResults.Accepted("/api/v1/db/status", update)
            : TypedResults.Problem(
                $"Database run {update.Id} ({update.Trigger}) is in progress; import when it has finished.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Database busy");
    }

    private static async Task<Ok<DatabaseStatusResponse>> StatusAsync(
        ServerMatcher matcher, DatabaseUpdateRunner runner, DatabaseUpdateScheduler scheduler, DatabaseUpdateOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<DatabaseSourceResponse> sources = [];
        if (File.Exists(matcher.DatabasePath))
        {
            sources = [.. (await matcher.OpenStore().GetSourceStatusAsync(cancellationToken))
                .Select(s => new DatabaseSourceResponse(s.Source, s.LastSuccess, s.LastAttempt, s.RecordCount, s.Error))];
        }

        return TypedResults.Ok(new DatabaseStatusResponse(
            matcher.Version?.ToString(),
            sources,
            runner.Current,
            new DatabaseScheduleResponse(options.Enabled, options.Interval, options.Enabled ? scheduler.NextRunAt : null)));
    }
}
