using Drydock.Scanning.Indexing;

namespace Drydock.Scanning.Reports;

/// <summary>Writes an image inventory in one document format.</summary>
public interface IInventoryWriter
{
    /// <summary>The format name as <c>--format</c> takes it: cyclonedx, spdx, json.</summary>
    string Format { get; }

    /// <summary>Writes the document.</summary>
    Task WriteAsync(ImageInventory inventory, Stream output, CancellationToken cancellationToken);
}
