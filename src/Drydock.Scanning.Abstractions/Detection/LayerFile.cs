namespace Drydock.Scanning.Abstractions.Detection;

/// <summary>
/// One regular file of a layer, handed to the detectors that asked for its path during the single
/// pass over the layer. The content stream reads forward only and is valid only during the call.
/// </summary>
public sealed class LayerFile
{
    /// <summary>Creates a layer file.</summary>
    public LayerFile(string path, long size, Stream content, string? layerDigest = null)
    {
        Path = path;
        Size = size;
        Content = content;
        LayerDigest = layerDigest;
    }

    /// <summary>The path inside the image root, normalised: no leading slash, no "." or ".." segments.</summary>
    public string Path { get; }

    /// <summary>The file size in bytes as the tar header states it.</summary>
    public long Size { get; }

    /// <summary>The file content. Forward-only; do not dispose.</summary>
    public Stream Content { get; }

    /// <summary>The digest of the layer the file comes from, where known.</summary>
    public string? LayerDigest { get; }

    /// <summary>Reads the whole file into memory, refusing files larger than <paramref name="maxBytes"/>
    /// with an <see cref="InputLimitException"/>, which stops the scan.</summary>
    public async Task<byte[]> ReadAllBytesAsync(long maxBytes, CancellationToken cancellationToken)
    {
        EnsureAtMost(maxBytes);
        var buffer = new byte[Size];
        await Content.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>Opens the file as lines, refusing a file larger than <paramref name="maxBytes"/> or a line
    /// longer than <paramref name="maxLineChars"/> with an <see cref="InputLimitException"/>.</summary>
    public BoundedLineReader OpenLines(long maxBytes, int maxLineChars)
    {
        EnsureAtMost(maxBytes);
        return new BoundedLineReader(Content, Path, maxLineChars);
    }

    private void EnsureAtMost(long maxBytes)
    {
        if (Size > maxBytes)
        {
            throw new InputLimitException($"{Path} is {Size} bytes, more than the {maxBytes} bytes a detector reads.");
        }
    }
}
