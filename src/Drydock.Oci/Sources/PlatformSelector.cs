using Drydock.Oci.Manifests;

namespace Drydock.Oci.Sources;

/// <summary>Chooses one manifest of an index for the wanted platform.</summary>
internal static class PlatformSelector
{
    /// <summary>linux/amd64, the platform Drydock assumes when none is asked for.</summary>
    public static Platform Default { get; } = new() { Os = "linux", Architecture = "amd64" };

    public static Descriptor Select(ImageIndex index, Platform wanted, string target)
    {
        var manifests = index.Manifests ?? [];
        var candidates = manifests
            .Where(m => m.Platform is not null && MediaTypes.IsManifest(m.MediaType ?? MediaTypes.OciManifest))
            .Where(m => string.Equals(m.Platform!.Os, wanted.Os, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(m.Platform.Architecture, wanted.Architecture, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var match = candidates.FirstOrDefault(m => wanted.Variant is null || string.Equals(m.Platform!.Variant, wanted.Variant, StringComparison.OrdinalIgnoreCase))
                    ?? (wanted.Variant is null ? null : candidates.FirstOrDefault(m => m.Platform!.Variant is null));
        if (match is not null)
        {
            return match;
        }

        // An index of one manifest without platform data (common for single-platform layouts) is that image.
        if (manifests.Count == 1 && manifests[0].Platform is null)
        {
            return manifests[0];
        }

        var available = string.Join(", ", manifests.Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()).Distinct());
        throw new InvalidOperationException(
            $"{target} has no image for {wanted}. Available: {(available.Length == 0 ? "none" : available)}. Choose one with --platform.");
    }
}
