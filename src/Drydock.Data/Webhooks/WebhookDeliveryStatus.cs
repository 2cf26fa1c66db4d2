using System.Text.Json.Serialization;

namespace Drydock.Data.Webhooks;

/// <summary>Where one delivery of one event to one webhook stands (by name in JSON: the delivery log shows it).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryStatus>))]
public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet; due again at its next attempt time.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; no more are made.</summary>
    Failed,
}
