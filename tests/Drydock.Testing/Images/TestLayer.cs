using System.Formats.Tar;
using System.Text;

namespace Drydock.Testing.Images;

/// <summary>The entries of one test layer, written in order as a tar. Names are written exactly as
/// given, so tests can write hostile ones ("../x", "/abs").</summary>
public sealed class TestLayer
{
    /// <summary>Entries carry a fixed time so that one layer built twice has one digest.</summary>
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch.AddYears(30);

    private readonly List<Func<TarWriter, CancellationToken, Task>> _entries = [];

    public TestLayer File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public TestLayer File(string name, byte[] content)
    {
        _entries.Add(async (writer, ct) =>
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = Epoch };
            await writer.WriteEntryAsync(entry, ct);
        });
        return this;
    }

    /// <summary>A file of <paramref name="size"/> bytes produced by <paramref name="open"/> (large content without a buffer).</summary>
    public TestLayer File(string name, Func<Stream> open)
    {
        _entries.Add(async (writer, ct) =>
        {
            await using var data = open();
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data, ModificationTime = Epoch };
            await writer.WriteEntryAsync(entry, ct);
        });
        return this;
    }

    public TestLayer Directory(string name)
    {
        _entries.Add((writer, ct) => writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name) { ModificationTime = Epoch }, ct));
        return this;
    }

    public TestLayer Symlink(string name, string target)
    {
        _entries.Add((writer, ct) => writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, ModificationTime = Epoch }, ct));
        return this;
    }

    public TestLayer HardLink(string name, string target)
    {
        _entries.Add((writer, ct) => writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, ModificationTime = Epoch }, ct));
        return this;
    }

    /// <summary>Deletes <paramref name="path"/> of lower layers (an empty <c>.wh.NAME</c> file).</summary>
    public TestLayer Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        return File(slash < 0 ? $".wh.{path}" : $"{path[..slash]}/.wh.{path[(slash + 1)..]}", []);
    }

    /// <summary>Hides lower layers' content of <paramref name="directory"/> (<c>.wh..wh..opq</c>).</summary>
    public TestLayer Opaque(string directory) => File($"{directory}/.wh..wh..opq", []);

    /// <summary>Adds the files, directories and links under <paramref name="root"/> whose relative path
    /// passes <paramref name="include"/>, as tar would (<c>tar -C root .</c>).</summary>
    public TestLayer FromDirectory(string root, Func<string, bool> include)
    {
        _entries.Add(async (writer, ct) =>
        {
            var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true };
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var dir = pending.Pop();
                foreach (var info in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options).OrderBy(i => i.Name, StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
                    if (info is DirectoryInfo && info.LinkTarget is null)
                    {
                        pending.Push(info.FullName);
                    }

                    if (!include(relative))
                    {
                        continue;
                    }

                    if (info.LinkTarget is not null || info is DirectoryInfo || (info.Attributes & FileAttributes.Normal) != 0 || info is FileInfo)
                    {
                        try
                        {
                            await writer.WriteEntryAsync(info.FullName, relative, ct);
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            // Sockets and similar cannot be archived; images do not carry them either.
                        }
                    }
                }
            }
        });
        return this;
    }

    /// <summary>Writes the layer as an uncompressed tar.</summary>
    public async Task WriteTarAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in _entries)
        {
            await entry(writer, cancellationToken);
        }
    }
}
