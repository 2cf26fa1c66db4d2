namespace Drydock.Scanning.Indexing;

/// <summary>Stores layer results by cache key (layer digest plus the detector set).</summary>
public interface ILayerResultCache
{
    /// <summary>Finds a stored result.</summary>
    Task<LayerResult?> TryGetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a result; concurrent writers of one key are harmless.</summary>
    Task SetAsync(string key, LayerResult result, CancellationToken cancellationToken);
}
