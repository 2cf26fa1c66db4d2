namespace Drydock.Server.Updates;

/// <summary>
/// Runs the advisory updater every <see cref="DatabaseUpdateOptions.Interval"/>. The first run is due one interval
/// after the last attempt recorded in the database, so a restart does not fetch again, and a server without a database
/// fetches one at start-up.
/// </summary>
internal sealed partial class DatabaseUpdateScheduler(
    DatabaseUpdateRunner runner, Integration.ServerMatcher matcher, DatabaseUpdateOptions options, TimeProvider timeProvider, ILogger<DatabaseUpdateScheduler> logger)
    : BackgroundService
{
    /// <summary>When the next scheduled run is due; null while the schedule is off.</summary>
    public DateTimeOffset? NextRunAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        try
        {
            NextRunAt = await LastAttemptAsync(stoppingToken) is { } last ? last + options.Interval : timeProvider.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = NextRunAt.Value - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stoppingToken);
                }

                runner.Start("schedule", out _, out var completion);
                await completion.WaitAsync(stoppingToken);
                NextRunAt = timeProvider.GetUtcNow() + options.Interval;
                LogNext(logger, NextRunAt.Value);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<DateTimeOffset?> LastAttemptAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(matcher.DatabasePath))
        {
            return null;
        }

        var statuses = await matcher.OpenStore().GetSourceStatusAsync(cancellationToken);
        return statuses.Max(s => s.LastAttempt);
    }

    [LoggerMessage(4204, LogLevel.Debug, "Next scheduled advisory database update at {NextRunAt}")]
    private static partial void LogNext(ILogger logger, DateTimeOffset nextRunAt);
}
