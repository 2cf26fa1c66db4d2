using System.Text.Json;
using Drydock.Oci;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Referrers;

/// <summary>
/// The referrers API: an OCI image index listing the manifests whose <c>subject</c> is a given manifest,
/// optionally only those of one artifact type. An unknown subject gives an empty index, never a 404.
/// </summary>
public sealed class ReferrerService(IRegistryStore store)
{
    /// <summary>The referrers index as JSON bytes.</summary>
    public async Task<byte[]> GetIndexAsync(RepositoryName repository, Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        var referrers = await store.ListReferrersAsync(repository.Value, subject, artifactType, cancellationToken);
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", MediaTypes.OciIndex);
            writer.WriteStartArray("manifests");
            foreach (var referrer in referrers)
            {
                writer.WriteStartObject();
                writer.WriteString("mediaType", referrer.MediaType);
                writer.WriteString("digest", referrer.Digest.ToString());
                writer.WriteNumber("size", referrer.Size);
                if (referrer.ArtifactType is not null)
                {
                    writer.WriteString("artifactType", referrer.ArtifactType);
                }

                if (referrer.AnnotationsJson is not null)
                {
                    writer.WritePropertyName("annotations");
                    writer.WriteRawValue(referrer.AnnotationsJson);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
