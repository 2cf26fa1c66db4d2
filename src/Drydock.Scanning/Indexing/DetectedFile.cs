using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>What one detector found in one file of one layer. A file with no packages still counts:
/// it hides the same path in lower layers.</summary>
public sealed record DetectedFile
{
    /// <summary>The normalised path.</summary>
    public required string Path { get; init; }

    /// <summary>The detector name.</summary>
    public required string Detector { get; init; }

    /// <summary>The packages, as the detector reported them (no layer digest yet).</summary>
    public IReadOnlyList<Package> Packages { get; init; } = [];

    /// <summary>True when the detector failed on the file (a warning says why).</summary>
    public bool Failed { get; init; }
}
