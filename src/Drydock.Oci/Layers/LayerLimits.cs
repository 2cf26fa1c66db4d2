namespace Drydock.Oci.Layers;

/// <summary>
/// The decompression-bomb guard: how much a layer may expand. A layer that exceeds either limit
/// ends the scan with a <see cref="LayerException"/> naming the layer and the limit.
/// </summary>
public sealed record LayerLimits
{
    /// <summary>The defaults: 64 GiB uncompressed, a ratio of 500 once 256 MiB have been produced.</summary>
    public static LayerLimits Default { get; } = new();

    /// <summary>The most uncompressed bytes one layer may produce.</summary>
    public long MaxUncompressedBytes { get; init; } = 64L << 30;

    /// <summary>The largest ratio of uncompressed to compressed bytes. gzip tops out near 1,030:1 on
    /// zeros; real layers with sparse or zero-filled files stay well below 500:1.</summary>
    public double MaxRatio { get; init; } = 500;

    /// <summary>The ratio is checked only after this many uncompressed bytes, so that a tiny layer
    /// of empty files does not trip it.</summary>
    public long RatioCheckAfterBytes { get; init; } = 256L << 20;
}
