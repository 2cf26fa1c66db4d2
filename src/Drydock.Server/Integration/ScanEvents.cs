using Drydock.Data.Scans;
using Drydock.Registry.Names;
using Drydock.Scanning.Indexing;
using Drydock.Server.Updates;
using Drydock.Server.Webhooks;

namespace Drydock.Server.Integration;

/// <summary>
/// What follows a finished scan job: the stored result records the detector set and the finding keys (so a detector
/// change re-indexes and a database update can tell new findings), and the namespace's webhooks hear of it.
/// </summary>
internal sealed class ScanEvents(IStoredInventoryStore inventories, ImageIndexer indexer, WebhookPublisher webhooks)
{
    /// <summary>The detector set of this build, as stored with each inventory.</summary>
    public string DetectorSet { get; } = DetectorSetOf(indexer.Detectors);

    /// <summary>The stored form of a detector set: the engine version, then each detector as name@version, one per line.</summary>
    public static string DetectorSetOf(IEnumerable<string> detectors) =>
        string.Join('\n', detectors.Order(StringComparer.Ordinal).Prepend($"engine@{ImageIndexer.EngineVersion}"));

    /// <summary>The job finished with a stored result (Success, Unsupported, or Failed without a retry).</summary>
    public async Task CompletedAsync(ScanJob job, ScanOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status == ScanStatus.Success)
        {
            await inventories.RecordIndexAsync(
                job.Repository, job.ManifestDigest, DetectorSet, outcome.Summary.Matched ? FindingKeys.Join(outcome.Findings) : null, cancellationToken);
        }

        await webhooks.PublishAsync(
            Namespace(job.Repository),
            outcome.Status == ScanStatus.Failed ? WebhookEvents.ScanFailed : WebhookEvents.ScanCompleted,
            new { scanId = job.Id, repository = job.Repository, digest = job.ManifestDigest, reference = job.Reference, status = outcome.Status.ToString(), reason = outcome.Reason, summary = outcome.Summary },
            cancellationToken);
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
