namespace Drydock.Data.Webhooks;

/// <summary>
/// Webhooks per namespace and their delivery outbox. An event is written as one row per subscribed webhook; a
/// dispatcher claims due rows with a lease, so deliveries survive a restart and two dispatchers never send one row.
/// </summary>
public interface IWebhookStore
{
    Task<Webhook> CreateAsync(string namespaceName, string url, string secret, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Webhook>> ListAsync(string namespaceName, CancellationToken cancellationToken);

    Task<Webhook?> GetAsync(string namespaceName, string id, CancellationToken cancellationToken);

    /// <summary>Deletes the webhook and its delivery log; false when there is no such webhook in the namespace.</summary>
    Task<bool> DeleteAsync(string namespaceName, string id, CancellationToken cancellationToken);

    /// <summary>Queues the event for every webhook of the namespace subscribed to it; returns how many deliveries were queued.</summary>
    Task<int> EnqueueAsync(string namespaceName, string eventName, string payload, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> due pending deliveries (or ones whose lease expired) until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<PendingDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records one attempt of a claimed delivery and releases it: <paramref name="status"/> Pending with
    /// <paramref name="nextAttemptAt"/> retries it later. False when the owner no longer holds it.
    /// </summary>
    Task<bool> RecordAttemptAsync(
        string id, string owner, int? statusCode, string? failure, WebhookDeliveryStatus status, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>The newest deliveries of a webhook, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken);
}
