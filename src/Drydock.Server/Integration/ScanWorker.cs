using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Oci;
using Drydock.Oci.Layers;
using Drydock.Server.Telemetry;

namespace Drydock.Server.Integration;

/// <summary>
/// Claims scan jobs from the queue with a lease, up to <see cref="ScanningOptions.Concurrency"/> at once, renews the
/// lease while a scan runs, retries failures with a doubling delay, and cancels a scan that was stopped (its lease
/// renewal fails). A job of a worker that died is claimed again once its lease has expired.
/// </summary>
internal sealed partial class ScanWorker(
    IScanStore store, RegistryScanner scanner, ScanEvents events, ScanQueueSignal signal, ScanningOptions options, DrydockMetrics metrics, TimeProvider timeProvider, ILogger<ScanWorker> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Inventories round-trip through the engine's own (default) JSON shape, as the layer cache stores them.
    private static readonly JsonSerializerOptions InventoryJson = new();

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private int _scansCancelled;

    /// <summary>Running scans this worker cancelled because their lease renewal failed (stopped, or taken over).</summary>
    public int ScansCancelled => Volatile.Read(ref _scansCancelled);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Concurrency <= 0)
        {
            // This server only queues scans (an API-only replica); others run them.
            return;
        }

        using var slots = new SemaphoreSlim(options.Concurrency);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                ScanJob? job;
                try
                {
                    var now = timeProvider.GetUtcNow();
                    // One owner per claim, not per worker: when a lease expires under load and this worker's other slot
                    // claims the job again, the first slot's renewal must fail so that one scan runs, not two.
                    job = await store.ClaimAsync($"{_owner}/{Guid.NewGuid():N}", now, now + options.LeaseDuration, options.MaxAttempts, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogClaimFailed(logger, e);
                    job = null;
                }

                if (job is null)
                {
                    slots.Release();
                    await signal.WaitAsync(options.PollInterval, stoppingToken);
                    continue;
                }

                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            await RunAsync(job, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    },
                    CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the scans in flight release their jobs below.
        }

        await Task.WhenAll(running);
    }

    private async Task RunAsync(ScanJob job, CancellationToken stoppingToken)
    {
        var owner = job.LeaseOwner!;
        using var scan = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewing = new CancellationTokenSource();
        var lost = false;
        var renewal = Task.Run(
            async () =>
            {
                var period = options.LeaseDuration / 3;
                try
                {
                    while (true)
                    {
                        await Task.Delay(period, timeProvider, renewing.Token);
                        if (!await store.RenewLeaseAsync(job.Id, owner, timeProvider.GetUtcNow() + options.LeaseDuration, renewing.Token))
                        {
                            // Stopped through the API, or our lease expired and another worker took the job.
                            lost = true;
                            await scan.CancelAsync();
                            Interlocked.Increment(ref _scansCancelled);
                            return;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The scan finished.
                }
            },
            CancellationToken.None);

        LogScanStarted(logger, job.Id, job.Repository, job.ManifestDigest, job.Attempts);
        var started = timeProvider.GetTimestamp();
        using var activity = ScanActivity.Start(job);
        try
        {
            var outcome = await scanner.ScanAsync(job.Repository, Digest.Parse(job.ManifestDigest), scan.Token);
            await renewing.CancelAsync();
            await renewal;
            var result = new ScanResultRecord(
                job.Repository,
                job.ManifestDigest,
                outcome.Status,
                outcome.Reason,
                JsonSerializer.Serialize(outcome.Summary, Json),
                outcome.Inventories.Count == 0 ? null : JsonSerializer.Serialize(outcome.Inventories, InventoryJson),
                timeProvider.GetUtcNow());
            if (await events.CompleteAsync(job, owner, outcome, result, CancellationToken.None))
            {
                metrics.ScanFinished(outcome.Status.ToString(), timeProvider.GetElapsedTime(started), outcome.Summary.Counts);
                activity?.SetTag("drydock.scan.status", outcome.Status.ToString());
                LogScanFinished(logger, job.Id, outcome.Status, outcome.Reason);
            }
        }
        catch (OperationCanceledException) when (lost)
        {
            LogScanLost(logger, job.Id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the job back at once rather than waiting for the lease to expire.
            await renewing.CancelAsync();
            await renewal;
            await store.FailAttemptAsync(job.Id, owner, "The server stopped during the scan.", timeProvider.GetUtcNow(), timeProvider.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e)
        {
            await renewing.CancelAsync();
            await renewal;
            var now = timeProvider.GetUtcNow();

            // A layer that is a bomb, corrupt or past a detector's bound, or a config past its bound, fails the
            // same way every time: retrying only reads the hostile bytes again.
            var permanent = e is LayerException or InvalidDataException;
            DateTimeOffset? retryAt = !permanent && job.Attempts < options.MaxAttempts
                ? now + (options.RetryBaseDelay * Math.Pow(2, job.Attempts - 1))
                : null;
            LogScanAttemptFailed(logger, e, job.Id, job.Attempts, retryAt);
            var reason = $"Attempt {job.Attempts} failed: {e.Message}";
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
            if (await store.FailAttemptAsync(job.Id, owner, reason, now, retryAt, CancellationToken.None) && retryAt is null)
            {
                metrics.ScanFinished(nameof(ScanStatus.Failed), timeProvider.GetElapsedTime(started), null);
                await events.FailedAsync(job, reason, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(4101, LogLevel.Warning, "Claiming a scan job failed")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(4102, LogLevel.Information, "Scan {JobId} of {Repository}@{Digest} started (attempt {Attempt})")]
    private static partial void LogScanStarted(ILogger logger, string jobId, string repository, string digest, int attempt);

    [LoggerMessage(4103, LogLevel.Information, "Scan {JobId} finished: {Status} {Reason}")]
    private static partial void LogScanFinished(ILogger logger, string jobId, ScanStatus status, string? reason);

    [LoggerMessage(4104, LogLevel.Information, "Scan {JobId} was stopped or taken over by another worker")]
    private static partial void LogScanLost(ILogger logger, string jobId);

    [LoggerMessage(4105, LogLevel.Warning, "Scan {JobId} attempt {Attempt} failed; retry at {RetryAt}")]
    private static partial void LogScanAttemptFailed(ILogger logger, Exception exception, string jobId, int attempt, DateTimeOffset? retryAt);
}
