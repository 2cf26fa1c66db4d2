namespace Drydock.Server.Api.V1;

/// <summary>
/// The body of <c>POST /api/v1/namespaces/{ns}/webhooks</c>: the receiver URL (http or https), the events (default
/// all) and the signing secret (default: one is generated and returned once, in the answer to this request).
/// </summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Secret);
