namespace Drydock.Data.Webhooks;

/// <summary>A claimed outbox row with what sending it needs: the target, the signing key and the body.</summary>
public sealed record PendingDelivery(string Id, string WebhookId, string Url, string Secret, string Event, string Payload, int Attempts);
