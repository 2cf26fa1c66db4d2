using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Drydock.Server.Telemetry;

/// <summary>
/// Drydock's own instruments, on the <c>Drydock</c> meter. Exported at <c>/metrics</c> with Prometheus names (dots become
/// underscores, the unit and <c>_total</c> are appended: <c>drydock.registry.pushed</c> in bytes is
/// <c>drydock_registry_pushed_bytes_total</c>). Gauges that need the database are read at scrape time.
/// </summary>
internal sealed class DrydockMetrics
{
    /// <summary>The meter's name (what <c>AddMeter</c> names).</summary>
    public const string MeterName = "Drydock";

    private readonly Counter<long> _pushed;
    private readonly Counter<long> _pulled;
    private readonly UpDownCounter<long> _uploadsActive;
    private readonly Histogram<double> _scanDuration;
    private readonly Counter<long> _findings;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Counter<long> _blockedPulls;

    public DrydockMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _pushed = meter.CreateCounter<long>("drydock.registry.pushed", "By", "Bytes of blobs and manifests pushed.");
        _pulled = meter.CreateCounter<long>("drydock.registry.pulled", "By", "Bytes of blobs and manifests served.");
        _uploadsActive = meter.CreateUpDownCounter<long>("drydock.registry.uploads.active", "{request}", "Blob upload requests streaming data now.");
        _scanDuration = meter.CreateHistogram<double>(
            "drydock.scan.duration",
            "s",
            "Time to index and match one image, by final status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });
        _findings = meter.CreateCounter<long>("drydock.scan.findings", "{finding}", "Findings of completed scans, by severity.");
        _webhookDeliveries = meter.CreateCounter<long>("drydock.webhook.deliveries", "{attempt}", "Webhook delivery attempts, by outcome.");
        _blockedPulls = meter.CreateCounter<long>("drydock.policy.blocked_pulls", "{request}", "Manifest pulls refused by a namespace's vulnerability policy.");
        Meter = meter;
    }

    /// <summary>The meter, for the gauges other services observe.</summary>
    public Meter Meter { get; }

    public void Pushed(long bytes) => _pushed.Add(bytes);

    public void Pulled(long bytes) => _pulled.Add(bytes);

    /// <summary>Counts an upload request in flight until the returned scope is disposed.</summary>
    public UploadScope UploadStarted()
    {
        _uploadsActive.Add(1);
        return new UploadScope(_uploadsActive);
    }

    public void ScanFinished(string status, TimeSpan duration, IReadOnlyDictionary<string, int>? findingsBySeverity)
    {
        _scanDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("status", status.ToLowerInvariant()));
        foreach (var (severity, count) in findingsBySeverity ?? new Dictionary<string, int>())
        {
            if (count > 0)
            {
                _findings.Add(count, new KeyValuePair<string, object?>("severity", severity.ToLowerInvariant()));
            }
        }
    }

    public void WebhookDelivery(string outcome) => _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void PullBlocked() => _blockedPulls.Add(1);

    /// <summary>Ends one in-flight upload request when disposed.</summary>
    internal readonly struct UploadScope(UpDownCounter<long> counter) : IDisposable
    {
        public void Dispose() => counter.Add(-1);
    }

    /// <summary>The activity source of Drydock's own spans (push → scan → match → webhook).</summary>
    public static ActivitySource ActivitySource { get; } = new("Drydock");
}
