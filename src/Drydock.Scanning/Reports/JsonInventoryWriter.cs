using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Drydock.Scanning.Indexing;

namespace Drydock.Scanning.Reports;

/// <summary>Drydock's own inventory JSON: the <see cref="ImageInventory"/> as it is, camelCase.</summary>
public sealed class JsonInventoryWriter : IInventoryWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        // Purls carry '&' and maintainers '<>': the document is a file, not HTML, so keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc/>
    public string Format => "json";

    /// <inheritdoc/>
    public Task WriteAsync(ImageInventory inventory, Stream output, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, inventory, Options, cancellationToken);
}
