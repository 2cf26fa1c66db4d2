using Drydock.Server.Integration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>POST /api/v1/db/update</c>: takes up the advisory database file as <c>drydock db update</c> left it (feeds are not
/// fetched here) and matches every stored inventory again without reading a layer.
/// </summary>
internal static class DatabaseEndpoints
{
    public static IEndpointRouteBuilder MapDatabaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/db/update", UpdateAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<DatabaseUpdateResponse>, ProblemHttpResult>> UpdateAsync(Rematcher rematcher, CancellationToken cancellationToken)
    {
        var done = await rematcher.RematchAllAsync(cancellationToken);
        return done is { } result
            ? TypedResults.Ok(new DatabaseUpdateResponse(result.DatabaseVersion, result.Rematched))
            : TypedResults.Problem(
                $"This server has no advisory database; create DATA/{ServerMatcher.DatabaseFileName} with drydock db update and restart it.",
                statusCode: StatusCodes.Status409Conflict,
                title: "No advisory database");
    }
}
