using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Drydock.Oci.Sources;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Ecosystems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// The indexing engine: resolves an image, takes each layer's result from the cache or reads the
/// layer once, stacks the results, recognises the distribution and completes the packages.
/// Usage: <c>new ImageIndexer(registry, cache, options).IndexAsync(source, progress, ct)</c>; running
/// totals of layers read and cache hits are on <see cref="Statistics"/>.
/// </summary>
public sealed partial class ImageIndexer
{
    /// <summary>Bumped when the layer-result format or the walk's meaning changes: part of every cache key.</summary>
    public const int EngineVersion = 1;

    private readonly IReadOnlyList<IPackageDetector> _packageDetectors;
    private readonly IReadOnlyList<IDistributionDetector> _distributionDetectors;
    private readonly ILayerResultCache? _cache;
    private readonly IndexerOptions _options;
    private readonly ILogger _logger;
    private readonly string _detectorSetKey;

    /// <summary>Creates the engine over the plug-ins of <paramref name="registry"/>.</summary>
    public ImageIndexer(EcosystemRegistry registry, ILayerResultCache? cache, IndexerOptions? options = null, ILogger<ImageIndexer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _packageDetectors = registry.PackageDetectors;
        _distributionDetectors = registry.DistributionDetectors;
        _cache = cache;
        _options = options ?? new IndexerOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Detectors =
        [
            .. _packageDetectors.Select(d => $"{d.Name}@{d.Version}")
                .Concat(_distributionDetectors.Select(d => $"{d.Name}@{d.Version}"))
                .Order(StringComparer.Ordinal),
        ];
        _detectorSetKey = $"drydock-layer-result/{EngineVersion}\n{string.Join('\n', Detectors)}";
    }

    /// <summary>The detectors as <c>name@version</c>, sorted: the detector half of the cache key.</summary>
    public IReadOnlyList<string> Detectors { get; }

    /// <summary>Running totals over every image this engine indexed.</summary>
    public IndexStatistics Statistics { get; } = new();

    /// <summary>The cache key of a layer: its digest and a hash of the detector set.</summary>
    public string CacheKey(string layerDigest)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{layerDigest}\n{_detectorSetKey}"));
        var colon = layerDigest.IndexOf(':', StringComparison.Ordinal);
        return $"{layerDigest[(colon + 1)..]}-{Convert.ToHexStringLower(hash)[..16]}";
    }

    /// <summary>Indexes an image. Cancellation propagates; a bad layer (digest mismatch, bomb) throws
    /// <see cref="Oci.Layers.LayerException"/>; a failing detector becomes a warning.</summary>
    public async Task<ImageInventory> IndexAsync(IImageSource source, IProgress<LayerProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stopwatch = Stopwatch.StartNew();
        var image = await source.ResolveAsync(cancellationToken);
        var walker = new LayerWalker(_packageDetectors, _distributionDetectors, _options);
        var results = new List<LayerResult>(image.Layers.Count);
        var read = 0;
        var hits = 0;
        foreach (var layer in image.Layers)
        {
            var digest = layer.Digest.ToString();
            var key = CacheKey(digest);
            if (layer.Cacheable && _cache is not null && await _cache.TryGetAsync(key, cancellationToken) is { } cached)
            {
                hits++;
                Statistics.CountHit();
                LogCacheHit(_logger, digest);
                progress?.Report(new LayerProgress(layer.Index, image.Layers.Count, digest, LayerProgressState.Cached));
                results.Add(cached);
                continue;
            }

            progress?.Report(new LayerProgress(layer.Index, image.Layers.Count, digest, LayerProgressState.Reading));
            var layerStopwatch = Stopwatch.StartNew();
            var result = await walker.WalkAsync(source, layer, cancellationToken);
            read++;
            Statistics.CountRead();
            LogLayerRead(_logger, digest, layerStopwatch.ElapsedMilliseconds);
            if (layer.Cacheable && _cache is not null)
            {
                await _cache.SetAsync(key, result, cancellationToken);
            }

            progress?.Report(new LayerProgress(layer.Index, image.Layers.Count, digest, LayerProgressState.Read));
            results.Add(result);
        }

        var coalesced = LayerCoalescer.Coalesce(results);
        var warnings = results.SelectMany(r => r.Warnings).ToList();
        var distribution = DistributionResolver.Resolve(_distributionDetectors, coalesced, warnings);
        var packages = coalesced.Packages
            .Select(p => PurlCompletion.Complete(p, distribution))
            .OrderBy(p => p.Ecosystem, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Version, StringComparer.Ordinal)
            .ThenBy(p => p.Architecture, StringComparer.Ordinal)
            .ThenBy(p => p.FilePath, StringComparer.Ordinal)
            .ToList();
        stopwatch.Stop();
        LogIndexed(_logger, source.Target, packages.Count, read, hits, stopwatch.ElapsedMilliseconds);
        return new ImageInventory
        {
            Target = source.Target,
            ManifestDigest = image.ManifestDigest,
            Platform = image.Platform?.ToString(),
            Layers = [.. image.Layers.Select(l => l.Digest.ToString())],
            Distribution = distribution,
            Packages = packages,
            Warnings = warnings,
            Detectors = Detectors,
            LayersRead = read,
            CacheHits = hits,
            Elapsed = stopwatch.Elapsed,
        };
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Layer {Digest} came from the cache")]
    private static partial void LogCacheHit(ILogger logger, string digest);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Layer {Digest} read in {Milliseconds} ms")]
    private static partial void LogLayerRead(ILogger logger, string digest, long milliseconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Indexed {Target}: {Packages} packages, {Read} layers read, {Hits} from the cache, {Milliseconds} ms")]
    private static partial void LogIndexed(ILogger logger, string target, int packages, int read, int hits, long milliseconds);
}
