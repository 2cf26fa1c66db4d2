using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Drydock.Server.Telemetry;

/// <summary>Metrics (<c>/metrics</c>, Prometheus text), traces (OTLP, off unless an endpoint is set) and the log format.</summary>
internal static class TelemetryComposition
{
    /// <summary>ASP.NET Core's own meters: request duration by route and status, connections, rate limiting.</summary>
    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static TelemetryOptions AddDrydockTelemetry(this WebApplicationBuilder builder, string? logFormatOverride)
    {
        var options = new TelemetryOptions();
        builder.Configuration.GetSection(TelemetryOptions.SectionName).Bind(options);
        options.LogFormat = logFormatOverride ?? options.LogFormat;
        switch (options.LogFormat)
        {
            case "json":
                builder.Logging.ClearProviders();
                builder.Logging.AddJsonConsole(json =>
                {
                    // The scopes carry the trace and span ids of the request (ActivityTrackingOptions below).
                    json.IncludeScopes = true;
                    json.UseUtcTimestamp = true;
                    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
                break;
            case "text":
                break;
            default:
                throw new InvalidOperationException($"{TelemetryOptions.SectionName}:LogFormat must be text or json, not '{options.LogFormat}'.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<DrydockMetrics>();
        builder.Services.AddSingleton<DatabaseGauges>();
        var tracing = !string.IsNullOrEmpty(options.OtlpEndpoint);
        if (!options.Metrics && !tracing)
        {
            return options;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("drydock"));
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(DrydockMetrics.MeterName)
                .AddMeter(AspNetCoreMeters)
                .AddPrometheusExporter());
        }

        if (tracing)
        {
            telemetry.WithTracing(traces => traces
                .AddSource(DrydockMetrics.ActivitySource.Name)
                // ASP.NET Core's own request spans (its ActivitySource since .NET 9), the parents of push spans.
                .AddSource("Microsoft.AspNetCore")
                .AddOtlpExporter(otlp =>
                {
                    otlp.Endpoint = new Uri(options.OtlpEndpoint!);
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                }));
        }

        return options;
    }

    public static WebApplication MapDrydockMetrics(this WebApplication app, TelemetryOptions options)
    {
        if (options.Metrics)
        {
            // The gauges register on first resolution.
            app.Services.GetRequiredService<DatabaseGauges>();
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }
}
