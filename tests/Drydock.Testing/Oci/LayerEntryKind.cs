namespace Drydock.Testing.Oci;

/// <summary>What a <see cref="LayerEntry"/> puts into a layer's tar.</summary>
public enum LayerEntryKind
{
    File,
    Directory,
    Symlink,

    /// <summary>An AUFS whiteout (<c>.wh.NAME</c>) hiding a path of a lower layer.</summary>
    Whiteout,

    /// <summary>An opaque whiteout (<c>DIR/.wh..wh..opq</c>) hiding everything a lower layer had in a folder.</summary>
    OpaqueWhiteout,
}
