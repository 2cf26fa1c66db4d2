namespace Drydock.Oci.Sources;

/// <summary>One layer of a resolved image, bottom first.</summary>
public sealed record ImageLayer
{
    /// <summary>The position in the image, 0 for the base layer.</summary>
    public required int Index { get; init; }

    /// <summary>The digest of the stored bytes, verified while the layer is read.</summary>
    public required Digest Digest { get; init; }

    /// <summary>The media type the manifest states; informative only, the bytes decide.</summary>
    public string? MediaType { get; init; }

    /// <summary>The stored size in bytes, where known.</summary>
    public long Size { get; init; }

    /// <summary>False for layers that are not content-addressed (a root filesystem on disk); their
    /// results are never cached.</summary>
    public bool Cacheable { get; init; } = true;
}
