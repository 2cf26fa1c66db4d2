using System.Security.Cryptography;
using Drydock.Data.Webhooks;
using Drydock.Registry.Storage;
using Drydock.Server.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// Webhooks per namespace: <c>GET|POST /api/v1/namespaces/{ns}/webhooks</c>, <c>DELETE …/webhooks/{id}</c> and the
/// delivery log <c>GET …/webhooks/{id}/deliveries</c>. The secret is accepted or generated at creation, returned in
/// that answer only, and never logged.
/// </summary>
internal static class WebhookEndpoints
{
    private const int DeliveryLogLimit = 100;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/namespaces/{name}/webhooks", ListAsync);
        endpoints.MapPost("/api/v1/namespaces/{name}/webhooks", CreateAsync);
        endpoints.MapDelete("/api/v1/namespaces/{name}/webhooks/{id}", DeleteAsync);
        endpoints.MapGet("/api/v1/namespaces/{name}/webhooks/{id}/deliveries", DeliveriesAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<WebhookResponse>>, ProblemHttpResult>> ListAsync(
        string name, IRegistryStore registry, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        return TypedResults.Ok<IReadOnlyList<WebhookResponse>>([.. (await webhooks.ListAsync(name, cancellationToken)).Select(Response)]);
    }

    private static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> CreateAsync(
        string name,
        CreateWebhookRequest request,
        IRegistryStore registry,
        IWebhookStore webhooks,
        WebhookAddressPolicy addresses,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return Invalid("url must be an absolute http or https URL.");
        }

        if (addresses.RefusalOf(url) is { } refusal)
        {
            return Invalid(refusal);
        }

        var events = request.Events is { Count: > 0 } asked ? asked.Distinct(StringComparer.Ordinal).ToList() : [.. WebhookEvents.All];
        if (events.FirstOrDefault(e => !WebhookEvents.All.Contains(e)) is { } unknown)
        {
            return Invalid($"'{unknown}' is not an event; use {string.Join(", ", WebhookEvents.All)}.");
        }

        if (request.Secret is { Length: < 16 })
        {
            return Invalid("secret must be at least 16 characters; leave it out to have one generated.");
        }

        var secret = request.Secret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var created = await webhooks.CreateAsync(name, url.AbsoluteUri, secret, events, timeProvider.GetUtcNow(), cancellationToken);
        return TypedResults.Created($"/api/v1/namespaces/{name}/webhooks/{created.Id}", Response(created) with { Secret = secret });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, string id, IWebhookStore webhooks, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(name, id, cancellationToken) ? TypedResults.NoContent() : WebhookNotFound(name, id);

    private static async Task<Results<Ok<IReadOnlyList<WebhookDelivery>>, ProblemHttpResult>> DeliveriesAsync(
        string name, string id, IWebhookStore webhooks, CancellationToken cancellationToken)
    {
        if (await webhooks.GetAsync(name, id, cancellationToken) is null)
        {
            return WebhookNotFound(name, id);
        }

        return TypedResults.Ok(await webhooks.ListDeliveriesAsync(id, DeliveryLogLimit, cancellationToken));
    }

    private static WebhookResponse Response(Webhook webhook) => new(webhook.Id, webhook.Namespace, webhook.Url, webhook.Events, webhook.CreatedAt);

    private static ProblemHttpResult NamespaceNotFound(string name) =>
        TypedResults.Problem($"There is no namespace '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Namespace not found");

    private static ProblemHttpResult WebhookNotFound(string name, string id) =>
        TypedResults.Problem($"Namespace '{name}' has no webhook '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Webhook not found");

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid webhook");
}
