namespace Drydock.Scanning.Indexing;

/// <summary>
/// Everything the walk keeps from one layer; cached by (layer digest, detector names and versions)
/// so that a layer shared by several images is read once.
/// </summary>
public sealed record LayerResult
{
    /// <summary>The layer digest.</summary>
    public required string LayerDigest { get; init; }

    /// <summary>Files the package detectors read.</summary>
    public IReadOnlyList<DetectedFile> Files { get; init; } = [];

    /// <summary>Release files kept for distribution detection.</summary>
    public IReadOnlyList<ReleaseFile> ReleaseFiles { get; init; } = [];

    /// <summary>Symbolic links at detector paths.</summary>
    public IReadOnlyList<LayerLink> Links { get; init; } = [];

    /// <summary>Paths deleted by <c>.wh.NAME</c> files (with everything under them).</summary>
    public IReadOnlyList<string> Whiteouts { get; init; } = [];

    /// <summary>Directories made opaque by <c>.wh..wh..opq</c>: lower layers' content under them is hidden.</summary>
    public IReadOnlyList<string> OpaqueDirectories { get; init; } = [];

    /// <summary>Warnings raised while reading the layer.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
