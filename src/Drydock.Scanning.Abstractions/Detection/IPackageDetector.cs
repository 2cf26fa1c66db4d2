using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Abstractions.Detection;

/// <summary>Finds installed packages in the files of one layer.</summary>
public interface IPackageDetector
{
    /// <summary>Stable lowercase id, e.g. "dpkg-status". Persisted in the layer-result cache key.</summary>
    string Name { get; }

    /// <summary>Bump when the output for the same input changes; part of the layer-result cache key.</summary>
    int Version { get; }

    /// <summary>Called once per tar entry during the layer walk; must be cheap and allocation-free.
    /// <paramref name="path"/> has no leading slash.</summary>
    bool IsCandidate(string path);

    /// <summary>Reads one candidate file and yields the packages it records.</summary>
    IAsyncEnumerable<Package> DetectAsync(LayerFile file, DetectionContext context, CancellationToken cancellationToken);
}
