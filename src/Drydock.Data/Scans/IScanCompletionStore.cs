using Drydock.Data.Webhooks;

namespace Drydock.Data.Scans;

/// <summary>
/// Finishes a scan job in one transaction: the job's final status, the stored result with the detector set and finding
/// keys it was made with, and the webhook event for the outbox. A crash leaves all of it or none.
/// </summary>
public interface IScanCompletionStore
{
    /// <summary>False (and nothing written) when the owner no longer holds the job.</summary>
    Task<bool> CompleteAsync(
        string id, string owner, ScanResultRecord result, string? detectorSet, string? findingKeys, WebhookEvent? webhookEvent, CancellationToken cancellationToken);
}
