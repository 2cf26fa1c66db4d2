using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Drydock.Server.Health;

/// <summary>
/// <c>/healthz/live</c> (the process answers; no check runs, so a slow database never restarts the pod) and
/// <c>/healthz/ready</c> (the database answers with a current schema, blobs can be written; the vulnerability database's
/// age is reported but never fails it). 200 when healthy, 503 otherwise, with a JSON body naming each check.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static IHealthChecksBuilder AddDrydockHealthChecks(this IServiceCollection services, string blobDirectory) =>
        services.AddHealthChecks()
            .AddCheck<RegistryDatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddTypeActivatedCheck<BlobStoreHealthCheck>("blob-store", failureStatus: null, tags: [ReadyTag], args: [blobDirectory])
            .AddCheck<VulnerabilityDatabaseHealthCheck>("vulnerability-database", tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }
}
