using BenchmarkDotNet.Attributes;
using Drydock.Ecosystems;
using Drydock.Oci.Sources;
using Drydock.Scanning.Indexing;

namespace Drydock.Benchmarks.Indexing;

/// <summary>
/// The work of a cached run: resolving an OCI layout and taking every layer result from the file
/// cache, then coalescing, distribution detection and purl completion. Uses the image that
/// bench/indexer/run.sh builds (DRYDOCK_BENCH_IMAGE overrides the layout path).
/// </summary>
[MemoryDiagnoser]
public class CachedIndexingBenchmarks
{
    private ImageIndexer _indexer = null!;
    private ImageTarget _target = null!;

    [GlobalSetup]
    public void Setup()
    {
        var layout = Environment.GetEnvironmentVariable("DRYDOCK_BENCH_IMAGE") ?? Path.GetFullPath(".cache/bench-indexer/debian");
        var cache = Path.Combine(Path.GetTempPath(), "drydock-bench-cache");
        _indexer = new ImageIndexer(BuiltInEcosystems.CreateRegistry(), new FileLayerResultCache(cache));
        if (!ImageTarget.TryParse($"oci:{layout}", out var target, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _target = target;
        IndexAsync().GetAwaiter().GetResult(); // fills the cache
    }

    [Benchmark]
    public async Task<int> IndexAsync()
    {
        await using var source = await ImageSources.OpenAsync(_target, new ImageSourceOptions(), CancellationToken.None);
        var inventory = await _indexer.IndexAsync(source, null, CancellationToken.None);
        return inventory.Packages.Count;
    }
}
