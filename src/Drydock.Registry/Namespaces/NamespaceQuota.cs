using System.Text.Json;

namespace Drydock.Registry.Namespaces;

/// <summary>
/// The namespace setting <c>storageQuotaBytes</c>: the most bytes of blobs the namespace's repositories may hold
/// together. Uploads that would pass it are refused with DENIED, as Harbor refuses a push over its project quota.
/// </summary>
public static class NamespaceQuota
{
    /// <summary>The settings member that holds the quota.</summary>
    public const string SettingName = "storageQuotaBytes";

    /// <summary>The quota in bytes, or null when the namespace has none (absent, null or not a non-negative integer).</summary>
    public static long? Read(string settingsJson)
    {
        if (string.IsNullOrWhiteSpace(settingsJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(settingsJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty(SettingName, out var quota)
                   && quota.ValueKind == JsonValueKind.Number && quota.TryGetInt64(out var bytes) && bytes >= 0
                ? bytes
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
