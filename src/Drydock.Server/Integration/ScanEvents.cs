using Drydock.Data.Scans;
using Drydock.Registry.Names;
using Drydock.Scanning.Indexing;
using Drydock.Server.Updates;
using Drydock.Server.Webhooks;

namespace Drydock.Server.Integration;

/// <summary>
/// What a finished scan job writes besides its status: the detector set and the finding keys of the result (so a
/// detector change re-indexes and a database update can tell new findings) and the namespace's webhook event, all in
/// the transaction that stores the result, so the outbox never misses a completed scan.
/// </summary>
internal sealed class ScanEvents(IScanCompletionStore completion, ImageIndexer indexer, WebhookPublisher webhooks)
{
    /// <summary>The detector set of this build, as stored with each inventory.</summary>
    public string DetectorSet { get; } = DetectorSetOf(indexer.Detectors);

    /// <summary>The stored form of a detector set: the engine version, then each detector as name@version, one per line.</summary>
    public static string DetectorSetOf(IEnumerable<string> detectors) =>
        string.Join('\n', detectors.Order(StringComparer.Ordinal).Prepend($"engine@{ImageIndexer.EngineVersion}"));

    /// <summary>
    /// Stores the finished job's result (Success, Unsupported, or Failed without a retry) with its detector set and
    /// finding keys, and its webhook event, in one transaction; false when the worker no longer holds the job.
    /// </summary>
    public async Task<bool> CompleteAsync(ScanJob job, string owner, ScanOutcome outcome, ScanResultRecord result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(outcome);
        // Indexed either way: the detector set is what a database update or a detector change goes by.
        var success = outcome.Status is ScanStatus.Success or ScanStatus.NoDatabase;
        var webhookEvent = webhooks.Event(
            Namespace(job.Repository),
            outcome.Status == ScanStatus.Failed ? WebhookEvents.ScanFailed : WebhookEvents.ScanCompleted,
            new { scanId = job.Id, repository = job.Repository, digest = job.ManifestDigest, reference = job.Reference, status = outcome.Status.ToString(), reason = outcome.Reason, summary = outcome.Summary });
        if (!await completion.CompleteAsync(
                job.Id, owner, result, success ? DetectorSet : null, success && outcome.Summary.Matched ? FindingKeys.Join(outcome.Findings) : null, webhookEvent, cancellationToken))
        {
            return false;
        }

        webhooks.Signal.Notify();
        return true;
    }

    /// <summary>The job failed for good after its last attempt.</summary>
    public Task FailedAsync(ScanJob job, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return webhooks.PublishAsync(
            Namespace(job.Repository),
            WebhookEvents.ScanFailed,
            new { scanId = job.Id, repository = job.Repository, digest = job.ManifestDigest, reference = job.Reference, status = nameof(ScanStatus.Failed), reason },
            cancellationToken);
    }

    public static string Namespace(string repository) => RepositoryName.TryParse(repository, out var name) ? name.Namespace : repository;
}
