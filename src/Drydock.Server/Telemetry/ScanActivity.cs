using System.Collections.Concurrent;
using System.Diagnostics;
using Drydock.Data.Scans;

namespace Drydock.Server.Telemetry;

/// <summary>
/// Links a scan's span to the push that queued it. The scan runs later, on a worker, outside the push's request, so it is
/// a new trace with a link rather than a child. The push contexts are kept in memory only (a scan claimed after a
/// restart, or by another replica, has no link) and only while someone listens for spans.
/// </summary>
internal static class ScanActivity
{
    private const int MaxRemembered = 10_000;
    private static readonly ConcurrentDictionary<string, ActivityContext> Pushes = new();

    /// <summary>Remembers the current span (the push request) as the origin of the queued job.</summary>
    public static void RememberPush(ScanJob job)
    {
        if (Activity.Current is { } current && DrydockMetrics.ActivitySource.HasListeners() && Pushes.Count < MaxRemembered)
        {
            Pushes[job.Id] = current.Context;
        }
    }

    /// <summary>The scan's span, linked to its push when known; null when nobody listens.</summary>
    public static Activity? Start(ScanJob job)
    {
        ActivityLink[]? links = Pushes.TryRemove(job.Id, out var push) ? [new ActivityLink(push)] : null;
        var activity = DrydockMetrics.ActivitySource.StartActivity("drydock.scan", ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag("drydock.scan.id", job.Id);
        activity?.SetTag("drydock.repository", job.Repository);
        activity?.SetTag("drydock.manifest.digest", job.ManifestDigest);
        return activity;
    }
}
