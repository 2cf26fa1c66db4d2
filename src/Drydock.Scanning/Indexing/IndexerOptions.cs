using Drydock.Oci.Layers;

namespace Drydock.Scanning.Indexing;

/// <summary>Limits of the layer walk.</summary>
public sealed record IndexerOptions
{
    /// <summary>The decompression-bomb guard applied to every layer.</summary>
    public LayerLimits Limits { get; init; } = LayerLimits.Default;

    /// <summary>The largest file buffered in memory when several detectors want it.</summary>
    public long MaxSharedFileBytes { get; init; } = 64L << 20;

    /// <summary>The most warnings kept per layer; the rest are counted in one closing line.</summary>
    public int MaxWarningsPerLayer { get; init; } = 100;

    /// <summary>The most packages one layer may yield; past it the scan stops. A layer of a large
    /// node_modules tree holds tens of thousands; a million tiny dpkg stanzas would hold gigabytes.</summary>
    public int MaxPackagesPerLayer { get; init; } = 250_000;

    /// <summary>The largest release file (os-release …) kept for distribution detection.</summary>
    public int MaxReleaseFileBytes { get; init; } = 64 << 10;
}
