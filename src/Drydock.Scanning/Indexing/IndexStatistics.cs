namespace Drydock.Scanning.Indexing;

/// <summary>Counters of the layer walk: how many layers were read and how many came from the cache.
/// The indexer keeps running totals; each inventory carries the counts of its own run.</summary>
public sealed class IndexStatistics
{
    private long _layersRead;
    private long _cacheHits;

    /// <summary>Layers whose bytes were read.</summary>
    public long LayersRead => Interlocked.Read(ref _layersRead);

    /// <summary>Layers whose result came from the cache without reading a byte of them.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    internal void CountRead() => Interlocked.Increment(ref _layersRead);

    internal void CountHit() => Interlocked.Increment(ref _cacheHits);
}
