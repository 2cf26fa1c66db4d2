using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Drydock.Data.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Drydock.Server.Telemetry;

namespace Drydock.Server.Webhooks;

/// <summary>
/// Sends the outbox: claims due deliveries with a lease, POSTs each body signed with its webhook's secret, and records
/// the attempt. A non-2xx answer, a timeout or a connection error is retried after
/// <see cref="WebhookOptions.RetryBaseDelay"/> × 2^(attempt-1), up to <see cref="WebhookOptions.MaxAttempts"/>.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IWebhookStore store, WebhookPublisher publisher, IHttpClientFactory httpClients, WebhookOptions options, DrydockMetrics metrics, TimeProvider timeProvider, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string HttpClientName = "webhooks";

    private const int BatchSize = 16;

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<PendingDelivery> due;
                try
                {
                    var now = timeProvider.GetUtcNow();
                    due = await store.ClaimDueAsync(_owner, now, now + options.LeaseDuration, BatchSize, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogClaimFailed(logger, e);
                    due = [];
                }

                if (due.Count == 0)
                {
                    await publisher.Signal.WaitAsync(options.PollInterval, stoppingToken);
                    continue;
                }

                // One slow receiver must not hold up the others' deliveries of this batch.
                await Task.WhenAll(due.Select(d => DeliverAsync(d, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unfinished deliveries stay Pending in the outbox and are sent after the restart.
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, CancellationToken stoppingToken)
    {
        var attempt = delivery.Attempts + 1;
        using var activity = DrydockMetrics.ActivitySource.StartActivity("drydock.webhook.deliver", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("drydock.webhook.event", delivery.Event);
        activity?.SetTag("drydock.webhook.attempt", attempt);
        int? statusCode = null;
        string? failure;
        try
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            attemptTimeout.CancelAfter(options.Timeout);
            var body = Encoding.UTF8.GetBytes(delivery.Payload);
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(delivery.Secret, body));
            request.Headers.Add(WebhookSignature.EventHeaderName, delivery.Event);
            request.Headers.Add(WebhookSignature.DeliveryHeaderName, delivery.Id);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
            var code = (int)response.StatusCode;
            statusCode = code;

            // The standard phrase, not the receiver's: the log is shown to users and must not relay what an
            // internal service says about itself.
            failure = response.IsSuccessStatusCode ? null : $"HTTP {code} {ReasonPhrases.GetReasonPhrase(code)}".TrimEnd();
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            failure = $"no answer within {options.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            // Coarse on purpose: "connection refused" against "reset" against "TLS failed" per port turned the
            // delivery log into a port scanner. The operator's log keeps the details.
            failure = IsNameNotFound(e) ? "host name not resolved" : "connection refused or blocked";
            LogAttemptError(logger, delivery.Id, e.InnerException is WebhookTargetRefusedException ? e.InnerException.Message : e.Message);
        }

        var now = timeProvider.GetUtcNow();
        WebhookDeliveryStatus status;
        DateTimeOffset? next = null;
        if (failure is null)
        {
            status = WebhookDeliveryStatus.Delivered;
        }
        else if (attempt < options.MaxAttempts)
        {
            status = WebhookDeliveryStatus.Pending;
            next = now + (options.RetryBaseDelay * Math.Pow(2, attempt - 1));
            LogAttemptFailed(logger, delivery.Id, delivery.Event, attempt, failure, next.Value);
        }
        else
        {
            status = WebhookDeliveryStatus.Failed;
            LogDeliveryFailed(logger, delivery.Id, delivery.Event, attempt, failure);
        }

        metrics.WebhookDelivery(status switch
        {
            WebhookDeliveryStatus.Delivered => "delivered",
            WebhookDeliveryStatus.Pending => "retrying",
            _ => "failed",
        });
        await store.RecordAttemptAsync(delivery.Id, _owner, statusCode, failure, status, now, next, CancellationToken.None);
    }

    private static bool IsNameNotFound(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.NameResolutionError
        || exception.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData };

    // The URL is not logged: receivers often carry tokens in it. The secret is never logged.
    [LoggerMessage(4311, LogLevel.Warning, "Claiming webhook deliveries failed")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(4312, LogLevel.Information, "Webhook delivery {DeliveryId} ({Event}) attempt {Attempt} failed: {Failure}; next attempt at {NextAttempt}")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, string @event, int attempt, string failure, DateTimeOffset nextAttempt);

    [LoggerMessage(4314, LogLevel.Information, "Webhook delivery {DeliveryId} could not connect: {Reason}")]
    private static partial void LogAttemptError(ILogger logger, string deliveryId, string reason);

    [LoggerMessage(4313, LogLevel.Warning, "Webhook delivery {DeliveryId} ({Event}) gave up after {Attempt} attempts: {Failure}")]
    private static partial void LogDeliveryFailed(ILogger logger, string deliveryId, string @event, int attempt, string failure);
}
