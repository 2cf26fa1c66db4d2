namespace Drydock.Testing.Oci;

/// <summary>How a test layer's tar is compressed, and so which layer media type it gets.</summary>
public enum LayerCompression
{
    /// <summary><c>application/vnd.oci.image.layer.v1.tar</c>.</summary>
    None,

    /// <summary><c>application/vnd.oci.image.layer.v1.tar+gzip</c>.</summary>
    Gzip,

    /// <summary><c>application/vnd.oci.image.layer.v1.tar+zstd</c>.</summary>
    Zstd,
}
