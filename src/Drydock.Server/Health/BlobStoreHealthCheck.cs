using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Drydock.Server.Health;

/// <summary>
/// Ready when a file can be written, flushed and removed where blobs live: a full or read-only volume fails every
/// push, so the replica should leave the load balancer.
/// </summary>
internal sealed class BlobStoreHealthCheck(string blobDirectory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A name of its own per probe: concurrent probes (liveness and readiness at once) never share a file.
        var probe = Path.Combine(blobDirectory, $".healthz-{Guid.NewGuid():N}");
        try
        {
            await using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await stream.WriteAsync("ok"u8.ToArray(), cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy($"{blobDirectory} is writable.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"{blobDirectory} is not writable: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(probe))
            {
                File.Delete(probe);
            }
        }
    }
}
