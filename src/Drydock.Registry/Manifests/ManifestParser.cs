using System.Text.Json;
using Drydock.Oci;
using Drydock.Oci.Json;
using Drydock.Oci.Manifests;
using Drydock.Registry.Errors;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Manifests;

/// <summary>
/// Validates a pushed manifest by its media type: OCI image manifest and index, Docker v2 schema 2 manifest and
/// manifest list. Docker schema 1 is refused. The media type comes from <c>Content-Type</c>, or from the
/// manifest's own <c>mediaType</c> field when the client sent none; when both are given they must agree.
/// </summary>
public static class ManifestParser
{
    private static readonly string[] Schema1Types = [MediaTypes.DockerManifestSchema1, MediaTypes.DockerManifestSchema1Signed, "application/json"];

    public static RegistryResult<ParsedManifest> Parse(string? contentType, ReadOnlySpan<byte> content)
    {
        JsonDocument document;
        try
        {
            // Strict: a duplicate member or a string that is not UTF-8 is refused here, not found later by a reader.
            document = StrictJson.Parse(content.ToArray());
        }
        catch (JsonException ex)
        {
            return OciErrorCode.ManifestInvalid.WithMessage($"manifest is not valid JSON: {ex.Message}", ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return OciErrorCode.ManifestInvalid.WithMessage("manifest is not a JSON object");
            }

            var declared = GetString(root, "mediaType");
            var mediaType = NormalizeContentType(contentType);
            var schemaVersion = root.TryGetProperty("schemaVersion", out var sv) && sv.ValueKind == JsonValueKind.Number && sv.TryGetInt32(out var v) ? v : 0;
            if (schemaVersion == 1 || mediaType is not null && Schema1Types.Contains(mediaType) && schemaVersion != 2)
            {
                return OciErrorCode.ManifestInvalid.WithMessage(
                    "Docker schema 1 manifests are not supported; push an OCI or Docker v2 schema 2 manifest", mediaType ?? declared);
            }

            if (mediaType is null or "application/json" or "application/octet-stream")
            {
                mediaType = declared;
            }

            if (mediaType is null)
            {
                return OciErrorCode.ManifestInvalid.WithMessage("manifest media type unknown: send Content-Type or a mediaType field");
            }

            if (declared is not null && declared != mediaType)
            {
                return OciErrorCode.ManifestInvalid.WithMessage($"mediaType '{declared}' in the manifest does not match Content-Type '{mediaType}'");
            }

            if (schemaVersion != 2)
            {
                return OciErrorCode.ManifestInvalid.WithMessage($"schemaVersion must be 2, not {schemaVersion}");
            }

            var subject = default(Digest?);
            if (root.TryGetProperty("subject", out var subjectElement) && subjectElement.ValueKind != JsonValueKind.Null)
            {
                if (!TryReadDescriptor(subjectElement, "subject", out var subjectDescriptor, out var error))
                {
                    return error;
                }

                subject = subjectDescriptor.Digest;
            }

            var annotations = root.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object ? a.GetRawText() : null;
            var artifactType = GetString(root, "artifactType");
            var parsed = mediaType switch
            {
                MediaTypes.OciManifest or MediaTypes.DockerManifest => ParseImageManifest(root, mediaType, subject, artifactType, annotations),
                MediaTypes.OciIndex or MediaTypes.DockerManifestList => ParseIndex(root, mediaType, subject, artifactType, annotations),
                _ => OciErrorCode.ManifestInvalid.WithMessage(
                    $"manifest media type '{mediaType}' is not supported; use {MediaTypes.OciManifest}, {MediaTypes.OciIndex}, {MediaTypes.DockerManifest} or {MediaTypes.DockerManifestList}"),
            };
            if (!parsed.Succeeded)
            {
                return parsed;
            }

            var unreadable = MediaTypes.IsIndex(mediaType) ? Unreadable(content, ManifestReader.ReadIndex) : Unreadable(content, ManifestReader.ReadManifest);
            return unreadable is null ? parsed : unreadable;
        }
    }

    private static RegistryResult<ParsedManifest> ParseImageManifest(JsonElement root, string mediaType, Digest? subject, string? artifactType, string? annotations)
    {
        if (!root.TryGetProperty("config", out var configElement) || configElement.ValueKind != JsonValueKind.Object)
        {
            return OciErrorCode.ManifestInvalid.WithMessage("an image manifest needs a config descriptor");
        }

        if (!TryReadDescriptor(configElement, "config", out var config, out var error))
        {
            return error;
        }

        var references = new List<ManifestReferenceRecord> { new(config.Digest, ManifestReferenceKind.Blob) };
        if (root.TryGetProperty("layers", out var layers) && layers.ValueKind != JsonValueKind.Null)
        {
            if (layers.ValueKind != JsonValueKind.Array)
            {
                return OciErrorCode.ManifestInvalid.WithMessage("layers must be an array");
            }

            var index = 0;
            foreach (var layerElement in layers.EnumerateArray())
            {
                if (!TryReadDescriptor(layerElement, $"layers[{index++}]", out var layer, out error))
                {
                    return error;
                }

                // Foreign (non-distributable) layers live at their urls, not in this registry.
                if (!layer.HasUrls)
                {
                    references.Add(new ManifestReferenceRecord(layer.Digest, ManifestReferenceKind.Blob));
                }
            }
        }
        else if (mediaType == MediaTypes.DockerManifest)
        {
            return OciErrorCode.ManifestInvalid.WithMessage("a Docker v2 schema 2 manifest needs a layers array");
        }

        // The referrers API reports the config media type when a manifest has no artifactType.
        artifactType ??= mediaType == MediaTypes.OciManifest ? config.MediaType : null;
        return new ParsedManifest(mediaType, Distinct(references), subject, artifactType, annotations);
    }

    private static RegistryResult<ParsedManifest> ParseIndex(JsonElement root, string mediaType, Digest? subject, string? artifactType, string? annotations)
    {
        if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            return OciErrorCode.ManifestInvalid.WithMessage("an index needs a manifests array");
        }

        var references = new List<ManifestReferenceRecord>();
        var index = 0;
        foreach (var element in manifests.EnumerateArray())
        {
            if (!TryReadDescriptor(element, $"manifests[{index++}]", out var child, out var error))
            {
                return error;
            }

            references.Add(new ManifestReferenceRecord(child.Digest, ManifestReferenceKind.Manifest));
        }

        return new ParsedManifest(mediaType, Distinct(references), subject, artifactType, annotations);
    }

    private delegate T Reader<out T>(ReadOnlySpan<byte> content, string target);

    /// <summary>
    /// Null when the scanner's own reader reads <paramref name="content"/>; else the refusal. A manifest whose
    /// annotations hold a number, or whose mediaType is not a string, would be stored and then fail every scan.
    /// </summary>
    private static OciError? Unreadable<T>(ReadOnlySpan<byte> content, Reader<T> reader)
    {
        try
        {
            _ = reader(content, "manifest");
            return null;
        }
        catch (InvalidDataException e)
        {
            return OciErrorCode.ManifestInvalid.WithMessage(e.Message);
        }
    }

    private static List<ManifestReferenceRecord> Distinct(List<ManifestReferenceRecord> references) => references.Distinct().ToList();

    private static bool TryReadDescriptor(JsonElement element, string where, out ParsedDescriptor descriptor, out OciError error)
    {
        descriptor = default;
        error = null!;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = OciErrorCode.ManifestInvalid.WithMessage($"{where} is not a descriptor object");
            return false;
        }

        var digestText = GetString(element, "digest");
        if (!Digest.TryParse(digestText, out var digest))
        {
            error = OciErrorCode.ManifestInvalid.WithMessage($"{where} has an invalid digest '{digestText}'", digestText);
            return false;
        }

        if (!element.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var length) || length < 0)
        {
            error = OciErrorCode.ManifestInvalid.WithMessage($"{where} needs a non-negative size");
            return false;
        }

        var hasUrls = element.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0;
        descriptor = new ParsedDescriptor(digest, GetString(element, "mediaType"), hasUrls);
        return true;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NormalizeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }

    private readonly record struct ParsedDescriptor(Digest Digest, string? MediaType, bool HasUrls);
}
