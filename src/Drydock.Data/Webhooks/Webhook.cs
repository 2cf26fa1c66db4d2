namespace Drydock.Data.Webhooks;

/// <summary>A namespace's subscription: where to send which events, and the key that signs them.</summary>
public sealed record Webhook(string Id, string Namespace, string Url, string Secret, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);
