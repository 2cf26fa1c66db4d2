namespace Drydock.Data.Webhooks;

/// <summary>One entry of a webhook's delivery log, as the API returns it (the payload itself stays in the outbox).</summary>
public sealed record WebhookDelivery(
    string Id,
    string WebhookId,
    string Event,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? StatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);
