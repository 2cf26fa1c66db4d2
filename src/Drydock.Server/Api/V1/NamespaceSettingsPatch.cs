using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Registry.Namespaces;
using Drydock.Server.Integration;

namespace Drydock.Server.Api.V1;

/// <summary>
/// The rules for a namespace's settings object, shared by <c>POST /api/v1/namespaces</c> and
/// <c>PATCH /api/v1/namespaces/{ns}</c>. Settings hold settings, not storage: only the known members are accepted,
/// each of a bounded type (a boolean or one word of a fixed list), so a typo is an error rather than a key that is
/// stored and ignored, and nobody can park megabytes in a namespace that every listing then carries.
/// </summary>
internal static class NamespaceSettingsPatch
{
    /// <summary>The members a namespace's settings may hold.</summary>
    public static IReadOnlyList<string> Known { get; } = ["autoScan", "preventVulnerable", "allowNotCovered", "severityThreshold", NamespaceQuota.SettingName];

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="settings"/> (a member set to null is removed); null when
    /// it was applied, else what is wrong with it, and <paramref name="settings"/> is left as it was.
    /// </summary>
    public static string? Apply(JsonObject settings, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return "The settings must be a JSON object.";
        }

        var changes = new List<(string Name, JsonNode? Value)>();
        foreach (var member in patch.EnumerateObject())
        {
            if (!Known.Contains(member.Name, StringComparer.Ordinal))
            {
                var near = Known.FirstOrDefault(k => string.Equals(k, member.Name, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? "" : $" (did you mean '{near}'?)";
                return $"'{Shorten(member.Name)}' is not a namespace setting{hint}; the settings are {string.Join(", ", Known)}.";
            }

            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                changes.Add((member.Name, null));
            }
            else if (member.Name == "severityThreshold")
            {
                var severity = member.Value.ValueKind == JsonValueKind.String ? NamespaceScanSettings.Severity(member.Value.GetString()) : null;
                if (severity is null)
                {
                    return $"severityThreshold must be one of {string.Join(", ", NamespaceScanSettings.Severities)}.";
                }

                changes.Add((member.Name, JsonValue.Create(severity)));
            }
            else if (member.Name == NamespaceQuota.SettingName)
            {
                if (!(member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt64(out var quota) && quota >= 0))
                {
                    return $"{NamespaceQuota.SettingName} must be a whole number of bytes, 0 or more.";
                }

                changes.Add((member.Name, JsonValue.Create(quota)));
            }
            else if (member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                changes.Add((member.Name, JsonValue.Create(member.Value.GetBoolean())));
            }
            else
            {
                return $"{member.Name} must be true or false.";
            }
        }

        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(name);
            }
            else
            {
                settings[name] = value;
            }
        }

        return null;
    }

    /// <summary>The known members of stored settings: what an older Drydock accepted beyond them is not shown.</summary>
    public static JsonObject KnownOnly(string settingsJson)
    {
        var stored = JsonNode.Parse(string.IsNullOrWhiteSpace(settingsJson) ? "{}" : settingsJson) as JsonObject ?? [];
        var known = new JsonObject();
        foreach (var name in Known)
        {
            if (stored[name] is { } value)
            {
                known[name] = value.DeepClone();
            }
        }

        return known;
    }

    // An unknown key is echoed in the error; a megabyte of key is not.
    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
