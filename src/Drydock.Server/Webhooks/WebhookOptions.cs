namespace Drydock.Server.Webhooks;

/// <summary>How webhook deliveries are sent (section <c>Webhooks</c> of the settings file).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Attempts per delivery before it is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further one (10 s … about 21 min by the 8th).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may take, connection and response included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the dispatcher looks for due retries (new events wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Receivers allowed although they are on a loopback, link-local, private, multicast or unspecified address, which
    /// are refused otherwise (at registration when the URL holds such an address, and at every connect after the name
    /// is resolved): CIDR ranges (<c>10.20.0.0/16</c>), single addresses, or host names (<c>hooks.internal</c>) whose
    /// resolved addresses are then all allowed. For sites whose receivers are internal.
    /// </summary>
    public IReadOnlyList<string> AllowedPrivateNetworks { get; set; } = [];

    /// <summary>How long a claimed delivery stays ours; a crashed server's deliveries are claimed again after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);
}
