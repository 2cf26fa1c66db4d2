using System.Diagnostics.Metrics;
using Drydock.Data.Scans;
using Drydock.Server.Integration;

namespace Drydock.Server.Telemetry;

/// <summary>
/// Gauges read from the databases when metrics are collected (a scrape): scan jobs per status and the age of each
/// advisory source's last successful update. A scrape every 15 s costs two small queries.
/// </summary>
internal sealed class DatabaseGauges
{
    public DatabaseGauges(DrydockMetrics metrics, IScanStore scans, ServerMatcher matcher, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.Meter.CreateObservableGauge(
            "drydock.scan.queue",
            () => scans.CountJobsByStatusAsync(CancellationToken.None).GetAwaiter().GetResult()
                .Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("status", s.Key.ToLowerInvariant()))),
            "{job}",
            "Scan jobs by status.");
        metrics.Meter.CreateObservableGauge(
            "drydock.vulndb.age",
            () => SourceAges(matcher, timeProvider),
            "s",
            "Seconds since each advisory source was last updated successfully.");
    }

    private static List<Measurement<double>> SourceAges(ServerMatcher matcher, TimeProvider timeProvider)
    {
        if (!File.Exists(matcher.DatabasePath))
        {
            return [];
        }

        var now = timeProvider.GetUtcNow();
        return matcher.OpenStore().GetSourceStatusAsync(CancellationToken.None).GetAwaiter().GetResult()
            .Where(s => s.LastSuccess is not null)
            .Select(s => new Measurement<double>((now - s.LastSuccess!.Value).TotalSeconds, new KeyValuePair<string, object?>("source", s.Source)))
            .ToList();
    }
}
