using Drydock.Registry.Uploads;

namespace Drydock.Server.Registry;

/// <summary>Removes abandoned uploads every hour while the server runs (start-up does it once before listening).</summary>
internal sealed class UploadCleanupService(UploadService uploads, TimeProvider timeProvider, ILogger<UploadCleanupService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    // A staged file without a session is only an orphan once it is older than any upload being started.
    private static readonly TimeSpan OrphanMinimumAge = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var removed = await uploads.CleanUpAsync(OrphanMinimumAge, stoppingToken);
                if (removed > 0)
                {
                    logger.UploadsCleaned(removed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
