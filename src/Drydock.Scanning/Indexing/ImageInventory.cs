using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>The result of indexing an image: its distribution and every package, each with the layer
/// that introduced its installed version. Stored and matched again when advisories change.</summary>
public sealed record ImageInventory
{
    /// <summary>The target as given.</summary>
    public required string Target { get; init; }

    /// <summary>The manifest digest, where the image has one.</summary>
    public string? ManifestDigest { get; init; }

    /// <summary>The platform, e.g. linux/amd64.</summary>
    public string? Platform { get; init; }

    /// <summary>The layer digests, base first.</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>The distribution, when one was recognised.</summary>
    public Distribution? Distribution { get; init; }

    /// <summary>The packages, ordered by ecosystem, name, version and path.</summary>
    public IReadOnlyList<Package> Packages { get; init; } = [];

    /// <summary>Warnings: unreadable files, refused paths, failed detectors.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The detectors that ran, as <c>name@version</c>.</summary>
    public IReadOnlyList<string> Detectors { get; init; } = [];

    /// <summary>Layers read in this run.</summary>
    public int LayersRead { get; init; }

    /// <summary>Layers taken from the cache in this run.</summary>
    public int CacheHits { get; init; }

    /// <summary>The time spent indexing, from resolving the image to the finished inventory.</summary>
    public TimeSpan Elapsed { get; init; }
}
