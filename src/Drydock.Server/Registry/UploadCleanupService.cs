using Drydock.Registry;
using Drydock.Registry.Uploads;

namespace Drydock.Server.Registry;

/// <summary>Removes abandoned uploads every quarter of <see cref="RegistryOptions.UploadExpiry"/> (at most hourly, at
/// least every ten seconds) while the server runs; start-up does it once before listening.</summary>
internal sealed class UploadCleanupService(UploadService uploads, RegistryOptions options, TimeProvider timeProvider, ILogger<UploadCleanupService> logger)
    : BackgroundService
{

    // A staged file without a session is only an orphan once it is older than any upload being started.
    private static readonly TimeSpan OrphanMinimumAge = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval(options.UploadExpiry), timeProvider);
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

    /// <summary>How often the cleanup runs: an idle session outlives its expiry by at most a quarter of it.</summary>
    internal static TimeSpan Interval(TimeSpan expiry) =>
        TimeSpan.FromTicks(Math.Clamp(expiry.Ticks / 4, TimeSpan.FromSeconds(10).Ticks, TimeSpan.FromHours(1).Ticks));
}
