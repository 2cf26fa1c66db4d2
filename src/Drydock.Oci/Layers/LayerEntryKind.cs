namespace Drydock.Oci.Layers;

/// <summary>What a layer entry is.</summary>
public enum LayerEntryKind
{
    /// <summary>A regular file.</summary>
    File = 0,

    /// <summary>A directory.</summary>
    Directory = 1,

    /// <summary>A symbolic link; <see cref="LayerEntry.LinkName"/> is its target as written.</summary>
    SymbolicLink = 2,

    /// <summary>A hard link to an earlier entry of the same layer.</summary>
    HardLink = 3,

    /// <summary>Devices, fifos and other entries that hold no content.</summary>
    Other = 4,
}
