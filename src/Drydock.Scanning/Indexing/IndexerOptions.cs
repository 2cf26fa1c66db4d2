using Drydock.Oci.Layers;

namespace Drydock.Scanning.Indexing;

/// <summary>Limits of the layer walk.</summary>
public sealed record IndexerOptions
{
    /// <summary>The decompression-bomb guard applied to every layer.</summary>
    public LayerLimits Limits { get; init; } = LayerLimits.Default;

    /// <summary>The largest file buffered in memory when several detectors want it.</summary>
    public long MaxSharedFileBytes { get; init; } = 64L << 20;

    /// <summary>The largest release file (os-release …) kept for distribution detection.</summary>
    public int MaxReleaseFileBytes { get; init; } = 64 << 10;
}
