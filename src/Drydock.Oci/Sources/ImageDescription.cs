using Drydock.Oci.Manifests;

namespace Drydock.Oci.Sources;

/// <summary>What an image source resolved: the manifest for one platform, its config and its layers.</summary>
public sealed record ImageDescription
{
    /// <summary>The target as given.</summary>
    public required string Target { get; init; }

    /// <summary>The digest of the platform manifest, where the image has one.</summary>
    public string? ManifestDigest { get; init; }

    /// <summary>The digest of the index the manifest was chosen from, if any.</summary>
    public string? IndexDigest { get; init; }

    /// <summary>The image platform, from the config (or the index).</summary>
    public Platform? Platform { get; init; }

    /// <summary>The manifest, where the image has one.</summary>
    public ImageManifest? Manifest { get; init; }

    /// <summary>The raw config JSON, where the image has one.</summary>
    public byte[]? Config { get; init; }

    /// <summary>The layers, base first.</summary>
    public required IReadOnlyList<ImageLayer> Layers { get; init; }
}
