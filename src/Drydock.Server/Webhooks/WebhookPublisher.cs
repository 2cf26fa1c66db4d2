using System.Text.Json;
using Drydock.Data.Webhooks;
using Drydock.Server.Integration;

namespace Drydock.Server.Webhooks;

/// <summary>
/// Writes an event into the outbox for every webhook of the namespace subscribed to it and wakes the dispatcher.
/// The body is fixed here, once, so every retry sends (and signs) the same bytes.
/// </summary>
internal sealed partial class WebhookPublisher(IWebhookStore store, TimeProvider timeProvider, ILogger<WebhookPublisher> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One pending wake-up for the dispatcher; the outbox itself is the queue.
    public ScanQueueSignal Signal { get; } = new();

    /// <summary>The event with its body, for the outbox: <c>{id, event, timestamp, namespace, data}</c>.</summary>
    public WebhookEvent Event(string namespaceName, string eventName, object data)
    {
        var body = JsonSerializer.Serialize(
            new { id = Guid.NewGuid().ToString("N"), @event = eventName, timestamp = timeProvider.GetUtcNow(), @namespace = namespaceName, data },
            Json);
        return new WebhookEvent(namespaceName, eventName, body);
    }

    /// <summary>Queues <paramref name="eventName"/> with <paramref name="data"/>; a failure is logged, never thrown into the scan or update that raised it.</summary>
    public async Task PublishAsync(string namespaceName, string eventName, object data, CancellationToken cancellationToken)
    {
        var webhookEvent = Event(namespaceName, eventName, data);
        try
        {
            if (await store.EnqueueAsync(namespaceName, eventName, webhookEvent.Payload, timeProvider.GetUtcNow(), cancellationToken) > 0)
            {
                Signal.Notify();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPublishFailed(logger, e, eventName, namespaceName);
        }
    }

    [LoggerMessage(4301, LogLevel.Warning, "Queuing the {Event} webhook event of namespace {Namespace} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string @event, string @namespace);
}
