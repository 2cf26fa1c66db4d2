using System.Text.Json;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// Layer results as JSON files in a directory (<c>DATA/cache/layers</c> for the server,
/// <c>--cache-dir</c> for the CLI). Written to a temporary file and renamed into place, so a reader
/// sees a whole result or none; an unreadable file counts as a miss.
/// </summary>
public sealed class FileLayerResultCache(string directory) : ILayerResultCache
{
    /// <summary>The directory holding the results.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc/>
    public async Task<LayerResult?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return await JsonSerializer.DeserializeAsync(stream, IndexingJsonContext.Default.LayerResult, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            // A damaged entry is a miss; the layer is read again and the entry rewritten.
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task SetAsync(string key, LayerResult result, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await JsonSerializer.SerializeAsync(stream, result, IndexingJsonContext.Default.LayerResult, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, $"{key}.json");
}
