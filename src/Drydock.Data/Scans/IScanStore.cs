namespace Drydock.Data.Scans;

/// <summary>
/// The scan queue and scan results (the port SQLite or PostgreSQL implements). Jobs are claimed with a lease in
/// one statement, so any number of workers (and server replicas) can share the queue, and a job whose worker died
/// (its lease expired) is claimed again.
/// </summary>
public interface IScanStore
{
    /// <summary>Queues a scan of a manifest unless one is already queued or running for it; returns that job.</summary>
    Task<ScanJob> EnqueueAsync(string repository, string manifestDigest, string reference, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ScanJob?> GetJobAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the oldest claimable job (queued and due, or scanning with an expired lease) for
    /// <paramref name="owner"/> until <paramref name="leaseUntil"/>; null when there is none. A job whose
    /// lease expired <paramref name="maxAttempts"/> times is failed instead of claimed again.
    /// </summary>
    Task<ScanJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when the owner lost the job (stopped, or reclaimed after expiry).</summary>
    Task<bool> RenewLeaseAsync(string id, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Finishes a job the owner holds with a final status and stores the result; false when the owner lost it.</summary>
    Task<bool> CompleteAsync(string id, string owner, ScanResultRecord result, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed attempt: the job is queued again, due at <paramref name="retryAt"/>, or failed for good
    /// when <paramref name="retryAt"/> is null. False when the owner lost the job.
    /// </summary>
    Task<bool> FailAttemptAsync(string id, string owner, string reason, DateTimeOffset now, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>Stops a queued or running job (it becomes Failed with the reason); false when it was not queued or running.</summary>
    Task<bool> StopAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ScanResultRecord?> GetResultAsync(string repository, string manifestDigest, CancellationToken cancellationToken);

    /// <summary>
    /// The result that governs pulling a manifest: its own, or for a platform manifest of an index without its own
    /// result, the index's (an index is scanned as a whole).
    /// </summary>
    Task<ScanResultRecord?> GetGoverningResultAsync(string repository, string manifestDigest, CancellationToken cancellationToken);

    /// <summary>Every manifest of the repository with its tags, latest result and newest job, newest push first.</summary>
    Task<IReadOnlyList<ArtifactRecord>> ListArtifactsAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Every result that has an inventory, successful or waiting for a database (what a database update matches again).</summary>
    IAsyncEnumerable<ScanResultRecord> EnumerateInventoriesAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the summary of a stored result in place; false when there is no such result.</summary>
    Task<bool> UpdateSummaryAsync(string repository, string manifestDigest, string summaryJson, CancellationToken cancellationToken);

    /// <summary>Replaces a namespace's settings JSON; false when there is no such namespace.</summary>
    Task<bool> UpdateNamespaceSettingsAsync(string name, string settingsJson, CancellationToken cancellationToken);

    /// <summary>How many jobs are in each status (Queued, Scanning, Success …), for the scan queue gauge.</summary>
    Task<IReadOnlyDictionary<string, long>> CountJobsByStatusAsync(CancellationToken cancellationToken);
}
