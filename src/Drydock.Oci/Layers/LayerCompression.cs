namespace Drydock.Oci.Layers;

/// <summary>How a layer's bytes are compressed, as its first bytes say (media types are not trusted).</summary>
public enum LayerCompression
{
    /// <summary>An uncompressed tar.</summary>
    None = 0,

    /// <summary>gzip (RFC 1952), magic 1f 8b.</summary>
    Gzip = 1,

    /// <summary>Zstandard, magic 28 b5 2f fd.</summary>
    Zstd = 2,
}
