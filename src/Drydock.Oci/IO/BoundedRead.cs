namespace Drydock.Oci.IO;

/// <summary>
/// Reads a small document (an image config, a manifest) whole, but never more than a bound: a 768 MiB
/// "config" pushed to the registry would otherwise be copied into memory, then copied again into an array.
/// </summary>
public static class BoundedRead
{
    /// <summary>The most bytes read of an image config or manifest. Configs of images with hundreds of
    /// layers and a long history stay under a megabyte; distribution limits manifests to 4 MiB.</summary>
    public const int MaxDocumentBytes = 8 << 20;

    /// <summary>Reads <paramref name="stream"/> to its end, or throws <see cref="InvalidDataException"/>
    /// naming <paramref name="what"/> once it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream, int maxBytes, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            throw TooLarge(what, maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(what, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static InvalidDataException TooLarge(string what, int maxBytes) =>
        new($"{what} is larger than {maxBytes} bytes, the most Drydock reads of an image config or manifest; the scan stopped.");
}
