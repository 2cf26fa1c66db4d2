using System.Formats.Tar;
using System.IO.Compression;

namespace Drydock.Oci.Sources;

/// <summary>
/// Files inside a tar archive (oci-archive, docker-archive), read in place: the archive is indexed
/// once and each file is opened as a window onto it, so nothing is extracted. A compressed archive
/// (alpine.tar.gz) cannot be read in place and is decompressed once to a temporary file, deleted
/// when the source is disposed.
/// </summary>
internal sealed class TarLayoutFiles : ILayoutFiles
{
    private readonly string _archive;
    private readonly string? _temporary;
    private readonly Dictionary<string, (long Offset, long Length)> _entries = new(StringComparer.Ordinal);

    private TarLayoutFiles(string archive, string? temporary)
    {
        _archive = archive;
        _temporary = temporary;
    }

    public static async Task<TarLayoutFiles> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No archive at {path}.", path);
        }

        string archive = path;
        string? temporary = null;
        await using (var probe = File.OpenRead(path))
        {
            var magic = new byte[4];
            var read = await probe.ReadAtLeastAsync(magic, 4, throwOnEndOfStream: false, cancellationToken);
            var compression = Layers.LayerReader.DetectCompression(magic.AsSpan(0, read));
            if (compression != Layers.LayerCompression.None)
            {
                probe.Position = 0;
                temporary = Path.Combine(Path.GetTempPath(), $"drydock-archive-{Guid.NewGuid():N}.tar");
                Stream decompressed = compression == Layers.LayerCompression.Gzip
                    ? new GZipStream(probe, CompressionMode.Decompress, leaveOpen: true)
                    : new ZstdSharp.DecompressionStream(probe, leaveOpen: true);
                await using (decompressed)
                await using (var output = File.Create(temporary))
                {
                    await decompressed.CopyToAsync(output, cancellationToken);
                }

                archive = temporary;
            }
        }

        var files = new TarLayoutFiles(archive, temporary);
        try
        {
            await using var stream = File.OpenRead(archive);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    files._entries[Normalize(entry.Name)] = (entry.DataOffset, entry.Length);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            files.Dispose();
            throw new InvalidDataException($"{path} is not a readable tar archive: {e.Message}", e);
        }
        catch
        {
            files.Dispose();
            throw;
        }

        return files;
    }

    public bool Exists(string path) => _entries.ContainsKey(Normalize(path));

    public Stream Open(string path)
    {
        if (!_entries.TryGetValue(Normalize(path), out var entry))
        {
            throw new FileNotFoundException($"The archive has no file {path}.");
        }

        var stream = new FileStream(_archive, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        stream.Position = entry.Offset;
        return new WindowReadStream(stream, entry.Length);
    }

    public void Dispose()
    {
        if (_temporary is not null)
        {
            try
            {
                File.Delete(_temporary);
            }
            catch (IOException)
            {
                // Best effort: the temporary copy lives in the temp folder.
            }
        }
    }

    private static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.TrimStart('/');
    }
}
