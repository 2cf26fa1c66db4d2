using System.Text;

namespace Drydock.Testing.Oci;

/// <summary>One entry of a test layer: a file with its bytes, a folder, a symlink or a whiteout.</summary>
public sealed record LayerEntry
{
    private LayerEntry(string path, LayerEntryKind kind)
    {
        Path = path.TrimStart('/');
        Kind = kind;
    }

    /// <summary>The path inside the image, without a leading slash (<c>etc/os-release</c>).</summary>
    public string Path { get; }

    public LayerEntryKind Kind { get; }

    /// <summary>A file's bytes in memory; empty for other kinds.</summary>
    public ReadOnlyMemory<byte> Content { get; private init; }

    /// <summary>A file on disk whose bytes the entry holds, for contents too large to keep in memory.</summary>
    public string? SourceFile { get; private init; }

    /// <summary>Unix permission bits.</summary>
    public UnixFileMode Mode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public string? LinkTarget { get; private init; }

    public static LayerEntry File(string path, ReadOnlyMemory<byte> content) =>
        new(path, LayerEntryKind.File) { Content = content };

    public static LayerEntry File(string path, string content) => File(path, Encoding.UTF8.GetBytes(content));

    /// <summary>A file whose bytes are read from <paramref name="sourceFile"/> when the layer is written.</summary>
    public static LayerEntry FileFrom(string path, string sourceFile) =>
        new(path, LayerEntryKind.File) { SourceFile = sourceFile };

    public static LayerEntry Directory(string path) =>
        new(path, LayerEntryKind.Directory) { Mode = (UnixFileMode)0b111_101_101 };

    public static LayerEntry Symlink(string path, string target) =>
        new(path, LayerEntryKind.Symlink) { LinkTarget = target, Mode = (UnixFileMode)0b111_111_111 };

    /// <summary>Hides <paramref name="path"/> of a lower layer.</summary>
    public static LayerEntry Whiteout(string path) => new(path, LayerEntryKind.Whiteout);

    /// <summary>Hides everything lower layers had inside the folder <paramref name="directory"/>.</summary>
    public static LayerEntry OpaqueWhiteout(string directory) => new(directory, LayerEntryKind.OpaqueWhiteout);
}
