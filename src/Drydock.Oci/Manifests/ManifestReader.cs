using System.Text.Json;

namespace Drydock.Oci.Manifests;

/// <summary>
/// Reads manifest and index bytes into the models the scanner works on. The registry checks a pushed manifest with
/// the same reader, so what it accepts the scanner can read.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads an image manifest (OCI or Docker v2 schema 2).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a manifest of that shape; the message says where.</exception>
    public static ImageManifest ReadManifest(ReadOnlySpan<byte> content, string target)
    {
        try
        {
            return JsonSerializer.Deserialize(content, OciJsonContext.Default.ImageManifest)
                   ?? throw new InvalidDataException($"{target}: the manifest is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{target}: the manifest cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Reads an image index (OCI) or manifest list (Docker).</summary>
    /// <exception cref="InvalidDataException">The bytes are not an index of that shape; the message says where.</exception>
    public static ImageIndex ReadIndex(ReadOnlySpan<byte> content, string target)
    {
        try
        {
            return JsonSerializer.Deserialize(content, OciJsonContext.Default.ImageIndex)
                   ?? throw new InvalidDataException($"{target}: the index is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{target}: the index cannot be read: {e.Message}", e);
        }
    }
}
