namespace Drydock.Server.Telemetry;

/// <summary>Metrics, traces and the log format (section <c>Telemetry</c> of the settings file).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve Prometheus metrics at <c>/metrics</c>.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// Where to send OpenTelemetry traces (OTLP over HTTP/protobuf, e.g. <c>http://collector:4318/v1/traces</c>); null or empty
    /// leaves tracing off.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>text</c> (the console logger) or <c>json</c> (one JSON object a line, with the trace id).</summary>
    public string LogFormat { get; set; } = "text";
}
