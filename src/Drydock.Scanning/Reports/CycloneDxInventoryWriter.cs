using System.Text.Encodings.Web;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Indexing;

namespace Drydock.Scanning.Reports;

/// <summary>
/// CycloneDX 1.6 JSON: the image as the metadata component (type container), the distribution as an
/// operating-system component, and each package as a library with its purl and Drydock properties
/// (layer digest, source package, database path).
/// </summary>
public sealed class CycloneDxInventoryWriter(TimeProvider time) : IInventoryWriter
{
    /// <summary>Property names under Drydock's own namespace (CycloneDX property taxonomy convention).</summary>
    public const string LayerProperty = "drydock:layer:digest";

    /// <inheritdoc/>
    public string Format => "cyclonedx";

    /// <inheritdoc/>
    public async Task WriteAsync(ImageInventory inventory, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.6");
        json.WriteString("serialNumber", $"urn:uuid:{Guid.NewGuid()}");
        json.WriteNumber("version", 1);

        json.WriteStartObject("metadata");
        json.WriteString("timestamp", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ"));
        json.WriteStartObject("tools");
        json.WriteStartArray("components");
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("name", "drydock");
        json.WriteString("version", InventoryWriters.ToolVersion);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("component");
        json.WriteString("type", "container");
        json.WriteString("bom-ref", "image");
        json.WriteString("name", inventory.Target);
        if (inventory.ManifestDigest is not null)
        {
            json.WriteString("version", inventory.ManifestDigest);
        }

        json.WriteStartArray("properties");
        WriteProperty(json, "drydock:image:platform", inventory.Platform);
        foreach (var layer in inventory.Layers)
        {
            WriteProperty(json, LayerProperty, layer);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        var refs = new List<string>();
        json.WriteStartArray("components");
        if (inventory.Distribution is { } distribution)
        {
            json.WriteStartObject();
            json.WriteString("type", "operating-system");
            json.WriteString("bom-ref", "os");
            json.WriteString("name", distribution.Id);
            json.WriteString("version", distribution.Release);
            if (distribution.PrettyName is not null)
            {
                json.WriteString("description", distribution.PrettyName);
            }

            json.WriteStartArray("properties");
            WriteProperty(json, "drydock:distro:version", distribution.Version);
            WriteProperty(json, "drydock:distro:codename", distribution.Codename);
            WriteProperty(json, "drydock:distro:cpe", distribution.Cpe);
            json.WriteEndArray();
            json.WriteEndObject();
            refs.Add("os");
        }

        var bomRefs = BomRefs(inventory.Packages);
        foreach (var package in inventory.Packages)
        {
            var bomRef = bomRefs[Identity(package)];
            refs.Add(bomRef);
            json.WriteStartObject();
            json.WriteString("type", "library");
            json.WriteString("bom-ref", bomRef);
            json.WriteString("name", package.Name);
            json.WriteString("version", package.Version);
            if (package.License is { Length: > 0 } license)
            {
                json.WriteStartArray("licenses");
                json.WriteStartObject();
                json.WriteStartObject("license");
                json.WriteString("name", license);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteString("purl", package.Purl);
            json.WriteStartArray("properties");
            WriteProperty(json, "drydock:package:ecosystem", package.Ecosystem);
            WriteProperty(json, "drydock:package:source_name", package.SourceName);
            WriteProperty(json, "drydock:package:source_version", package.SourceVersion);
            WriteProperty(json, "drydock:package:architecture", package.Architecture);
            WriteProperty(json, "drydock:package:file_path", package.FilePath);
            WriteProperty(json, "drydock:package:install_path", package.InstallPath);
            foreach (var evidence in package.Evidence)
            {
                WriteProperty(json, "drydock:package:evidence", evidence);
            }

            WriteProperty(json, "drydock:package:detector", package.Detector);
            WriteProperty(json, LayerProperty, package.LayerDigest);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("dependencies");
        json.WriteStartObject();
        json.WriteString("ref", "image");
        json.WriteStartArray("dependsOn");
        foreach (var r in refs)
        {
            json.WriteStringValue(r);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// The bom-ref of each package: its purl, with <c>#2</c>, <c>#3</c> … for further packages with the same purl (the
    /// same version installed in several places). The vulnerability report refers to components through the same map.
    /// </summary>
    public static Dictionary<(string Purl, string? Location), string> BomRefs(IEnumerable<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var refs = new Dictionary<(string Purl, string? Location), string>();
        foreach (var package in packages)
        {
            var bomRef = package.Purl;
            for (var n = 2; !used.Add(bomRef); n++)
            {
                bomRef = $"{package.Purl}#{n}";
            }

            refs.TryAdd(Identity(package), bomRef);
        }

        return refs;
    }

    /// <summary>What tells two packages of one inventory apart: the purl and where the package is.</summary>
    public static (string Purl, string? Location) Identity(Package package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return (package.Purl, package.InstallPath ?? package.FilePath);
    }

    private static void WriteProperty(Utf8JsonWriter json, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
