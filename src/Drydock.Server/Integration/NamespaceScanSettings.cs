using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Server.Integration;

/// <summary>The scanning settings of a namespace, kept in its settings JSON object next to anything else there.</summary>
/// <param name="AutoScan">Scan every pushed manifest.</param>
/// <param name="PreventVulnerable">Deny pulls (and admission) of images with findings at or above the threshold, and of
/// images not judged: not scanned, failed, matched without a database, or with a part no loaded source covers.</param>
/// <param name="SeverityThreshold">The least severity that denies.</param>
/// <param name="AllowNotCovered">With <paramref name="PreventVulnerable"/>, let through images that were indexed but not
/// (fully) judged: no vulnerability database, or a distribution or ecosystem no loaded source covers.</param>
public sealed record NamespaceScanSettings(bool AutoScan, bool PreventVulnerable, string SeverityThreshold, bool AllowNotCovered = false)
{
    /// <summary>The severities a threshold may name, least severe first.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["low", "medium", "high", "critical"];

    /// <summary>Reads the settings; missing or mistyped members take their defaults (off, off, critical, off).</summary>
    public static NamespaceScanSettings Read(string settingsJson)
    {
        var node = JsonNode.Parse(string.IsNullOrWhiteSpace(settingsJson) ? "{}" : settingsJson) as JsonObject ?? [];
        return new NamespaceScanSettings(
            Flag(node, "autoScan"),
            Flag(node, "preventVulnerable"),
            node["severityThreshold"] is JsonValue threshold && threshold.TryGetValue<string>(out var value) ? Severity(value) ?? "critical" : "critical",
            Flag(node, "allowNotCovered"));
    }

    /// <summary>The severity <paramref name="value"/> names, in any case, as <see cref="Severities"/> spells it; null when none.</summary>
    public static string? Severity(string? value) =>
        Severities.FirstOrDefault(s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase));

    private static bool Flag(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;
}
