namespace Drydock.Data.Webhooks;

/// <summary>An event for the outbox: the namespace whose webhooks hear it, its name and the body every delivery sends.</summary>
public sealed record WebhookEvent(string Namespace, string Name, string Payload);
