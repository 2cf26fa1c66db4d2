using Drydock.Registry.Storage;

namespace Drydock.Registry;

/// <summary>Registry behaviour settings (configuration section <c>Registry</c>).</summary>
public sealed class RegistryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Registry";

    /// <summary>
    /// When true, namespaces exist only once created through <c>POST /api/v1/namespaces</c>; a push into an unknown
    /// namespace is denied. When false (the default), the first push into a namespace creates it.
    /// </summary>
    public bool ExplicitNamespaces { get; set; }

    /// <summary>The largest manifest accepted, in bytes. The distribution spec asks registries to accept at least 4 MiB.</summary>
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The bytes of manifests kept in memory for GETs (content plus bookkeeping); when full the cache starts over.
    /// A manifest larger than an eighth of this is read from the database each time.
    /// </summary>
    public long ManifestCacheBytes { get; set; } = CachingRegistryStore.DefaultCapacityBytes;

    /// <summary>Blobs younger than this are never collected, so uploads whose manifest is not pushed yet survive a GC.</summary>
    public TimeSpan GarbageCollectionGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upload sessions idle (no bytes received) for this long are abandoned and removed, with their staged
    /// bytes. Clients send a layer's bytes right after starting its session, so minutes are plenty; the cleanup
    /// runs every quarter of this (at most hourly) and once at start-up.</summary>
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most bytes one upload (one blob) may hold; past it the upload is discarded and answered
    /// SIZE_INVALID. The largest layers of GPU and ML images run to a few gigabytes.</summary>
    public long MaxUploadBytes { get; set; } = 16L << 30;
}
