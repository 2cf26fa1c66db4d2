using Drydock.Server.Integration;
using Drydock.Server.Updates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>POST /api/v1/db/update</c> starts the advisory updater (202 with the run; while a run is in progress, that run)
/// and <c>GET /api/v1/db/status</c> shows the database in force, each source's state, the current or last run and the
/// schedule.
/// </summary>
internal static class DatabaseEndpoints
{
    public static IEndpointRouteBuilder MapDatabaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/db/update", Update);
        endpoints.MapGet("/api/v1/db/status", StatusAsync);
        return endpoints;
    }

    private static Accepted<DatabaseUpdate> Update(DatabaseUpdateRunner runner) =>
        TypedResults.Accepted("/api/v1/db/status", runner.Start("api", out _, out _));

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
