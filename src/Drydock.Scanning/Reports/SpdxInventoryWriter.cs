using System.Text.Encodings.Web;
using System.Text.Json;
using Drydock.Scanning.Indexing;

namespace Drydock.Scanning.Reports;

/// <summary>
/// SPDX 2.3 JSON: the document describes the image package, which CONTAINS the operating system and
/// each package (purl as a PACKAGE-MANAGER external reference, layer digest in sourceInfo). Licences
/// recorded by package managers are not SPDX expressions, so they go to licenseComments and the
/// declared licence is NOASSERTION.
/// </summary>
public sealed class SpdxInventoryWriter(TimeProvider time) : IInventoryWriter
{
    /// <summary>The namespace prefix of Drydock's SPDX documents; the document name and a UUID make it unique.</summary>
    public const string NamespacePrefix = "https://drydock.dev/spdxdocs/";

    /// <inheritdoc/>
    public string Format => "spdx";

    /// <inheritdoc/>
    public async Task WriteAsync(ImageInventory inventory, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("spdxVersion", "SPDX-2.3");
        json.WriteString("dataLicense", "CC0-1.0");
        json.WriteString("SPDXID", "SPDXRef-DOCUMENT");
        json.WriteString("name", inventory.Target);
        json.WriteString("documentNamespace", $"{NamespacePrefix}{Uri.EscapeDataString(inventory.Target)}-{Guid.NewGuid()}");
        json.WriteStartObject("creationInfo");
        json.WriteString("created", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ"));
        json.WriteStartArray("creators");
        json.WriteStringValue($"Tool: drydock-{InventoryWriters.ToolVersion}");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("documentDescribes");
        json.WriteStringValue("SPDXRef-Image");
        json.WriteEndArray();

        var ids = new List<string>();
        json.WriteStartArray("packages");
        json.WriteStartObject();
        json.WriteString("name", inventory.Target);
        json.WriteString("SPDXID", "SPDXRef-Image");
        if (inventory.ManifestDigest is not null)
        {
            json.WriteString("versionInfo", inventory.ManifestDigest);
        }

        json.WriteString("downloadLocation", "NOASSERTION");
        json.WriteBoolean("filesAnalyzed", false);
        json.WriteString("primaryPackagePurpose", "CONTAINER");
        if (inventory.Platform is not null)
        {
            json.WriteString("comment", $"platform {inventory.Platform}; layers {string.Join(' ', inventory.Layers)}");
        }

        json.WriteEndObject();

        if (inventory.Distribution is { } distribution)
        {
            ids.Add("SPDXRef-OperatingSystem");
            json.WriteStartObject();
            json.WriteString("name", distribution.Id);
            json.WriteString("SPDXID", "SPDXRef-OperatingSystem");
            json.WriteString("versionInfo", distribution.Release);
            json.WriteString("downloadLocation", "NOASSERTION");
            json.WriteBoolean("filesAnalyzed", false);
            json.WriteString("primaryPackagePurpose", "OPERATING_SYSTEM");
            if (distribution.PrettyName is not null)
            {
                json.WriteString("description", distribution.PrettyName);
            }

            json.WriteEndObject();
        }

        for (var i = 0; i < inventory.Packages.Count; i++)
        {
            var package = inventory.Packages[i];
            var id = $"SPDXRef-Package-{i + 1}";
            ids.Add(id);
            json.WriteStartObject();
            json.WriteString("name", package.Name);
            json.WriteString("SPDXID", id);
            json.WriteString("versionInfo", package.Version);
            json.WriteString("downloadLocation", "NOASSERTION");
            json.WriteBoolean("filesAnalyzed", false);
            json.WriteString("licenseConcluded", "NOASSERTION");
            json.WriteString("licenseDeclared", "NOASSERTION");
            if (package.License is { Length: > 0 } license)
            {
                json.WriteString("licenseComments", $"declared by the package manager: {license}");
            }

            json.WriteString("copyrightText", "NOASSERTION");
            if (package.SourceName is not null)
            {
                json.WriteString("sourceInfo", $"built from source package {package.SourceName} {package.SourceVersion ?? package.Version}");
            }

            if (package.LayerDigest is not null || package.FilePath is not null)
            {
                json.WriteString("comment", $"layer {package.LayerDigest}; found in {package.FilePath}");
            }

            json.WriteString("primaryPackagePurpose", "LIBRARY");
            json.WriteStartArray("externalRefs");
            json.WriteStartObject();
            json.WriteString("referenceCategory", "PACKAGE-MANAGER");
            json.WriteString("referenceType", "purl");
            json.WriteString("referenceLocator", package.Purl);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("relationships");
        WriteRelationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
        foreach (var id in ids)
        {
            WriteRelationship(json, "SPDXRef-Image", "CONTAINS", id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteRelationship(Utf8JsonWriter json, string from, string type, string to)
    {
        json.WriteStartObject();
        json.WriteString("spdxElementId", from);
        json.WriteString("relationshipType", type);
        json.WriteString("relatedSpdxElement", to);
        json.WriteEndObject();
    }
}
