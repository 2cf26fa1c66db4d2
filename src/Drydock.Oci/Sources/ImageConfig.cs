using System.Text.Json;
using Drydock.Oci.Manifests;

namespace Drydock.Oci.Sources;

/// <summary>The parts of an image config the sources need: the platform and the diff ids.</summary>
internal static class ImageConfig
{
    public static Platform? ReadPlatform(byte[] config)
    {
        try
        {
            using var document = JsonDocument.Parse(config);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("architecture", out var arch) && arch.ValueKind == JsonValueKind.String
                && root.TryGetProperty("os", out var os) && os.ValueKind == JsonValueKind.String)
            {
                var variant = root.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return new Platform { Architecture = arch.GetString()!, Os = os.GetString()!, Variant = variant };
            }
        }
        catch (JsonException)
        {
            // A config that is not JSON has no platform to report; the layers can still be read.
        }

        return null;
    }

    public static IReadOnlyList<string> ReadDiffIds(byte[] config)
    {
        using var document = JsonDocument.Parse(config);
        if (document.RootElement.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var ids)
            && ids.ValueKind == JsonValueKind.Array)
        {
            return [.. ids.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
        }

        return [];
    }
}
