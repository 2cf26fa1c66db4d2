namespace Drydock.Server.Webhooks;

/// <summary>The events a namespace's webhooks can subscribe to.</summary>
public static class WebhookEvents
{
    /// <summary>A scan reached Success or Unsupported.</summary>
    public const string ScanCompleted = "scan.completed";

    /// <summary>A scan failed for good (its retries are spent, or the manifest went away).</summary>
    public const string ScanFailed = "scan.failed";

    /// <summary>A database update found vulnerabilities in an already scanned artifact that its last match did not have.</summary>
    public const string VulnerabilitiesNew = "vulnerabilities.new";

    /// <summary>Every event, the default subscription.</summary>
    public static IReadOnlyList<string> All { get; } = [ScanCompleted, ScanFailed, VulnerabilitiesNew];
}
