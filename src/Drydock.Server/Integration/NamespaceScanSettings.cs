using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Server.Integration;

/// <summary>The scanning settings of a namespace, kept in its settings JSON object next to anything else there.</summary>
public sealed record NamespaceScanSettings(bool AutoScan, bool PreventVulnerable, string SeverityThreshold)
{
    /// <summary>The severities a threshold may name, least severe first.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["low", "medium", "high", "critical"];

    /// <summary>Reads the settings; missing or mistyped members take their defaults (off, off, critical).</summary>
    public static NamespaceScanSettings Read(string settingsJson)
    {
        var node = JsonNode.Parse(string.IsNullOrWhiteSpace(settingsJson) ? "{}" : settingsJson) as JsonObject ?? [];
        return new NamespaceScanSettings(
            Flag(node, "autoScan"),
            Flag(node, "preventVulnerable"),
            node["severityThreshold"] is JsonValue threshold && threshold.TryGetValue<string>(out var value) ? Severity(value) ?? "critical" : "critical");
    }

    /// <summary>The severity <paramref name="value"/> names, in any case, as <see cref="Severities"/> spells it; null when none.</summary>
    public static string? Severity(string? value) =>
        Severities.FirstOrDefault(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase));

    private static bool Flag(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;
}
