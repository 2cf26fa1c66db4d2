namespace Drydock.Oci.Layers;

/// <summary>
/// One entry of a layer during the single pass over it: a tar entry, or a file of a root-filesystem
/// directory. The content can be opened only until the next entry is read.
/// </summary>
public sealed class LayerEntry
{
    private readonly Func<Stream> _open;

    /// <summary>Creates an entry whose content <paramref name="open"/> returns.</summary>
    public LayerEntry(string name, LayerEntryKind kind, long size, string? linkName, Func<Stream> open)
    {
        Name = name;
        Kind = kind;
        Size = size;
        LinkName = linkName;
        _open = open;
    }

    /// <summary>The entry name exactly as the layer writes it (not normalised).</summary>
    public string Name { get; }

    /// <summary>What the entry is.</summary>
    public LayerEntryKind Kind { get; }

    /// <summary>The content size in bytes.</summary>
    public long Size { get; }

    /// <summary>The link target for symbolic and hard links.</summary>
    public string? LinkName { get; }

    /// <summary>Opens the content of a regular file. The caller disposes the stream; for tar layers
    /// it reads forward only and is valid until the next entry.</summary>
    public Stream OpenContent() => _open();
}
