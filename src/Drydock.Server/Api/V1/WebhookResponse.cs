namespace Drydock.Server.Api.V1;

/// <summary>
/// A webhook as the API shows it. <see cref="Secret"/> is set only in the answer to its creation; after that no
/// answer carries it.
/// </summary>
public sealed record WebhookResponse(string Id, string Namespace, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt)
{
    public string? Secret { get; init; }
}
