using System.Runtime.CompilerServices;
using Drydock.Oci.Layers;

namespace Drydock.Oci.Sources;

/// <summary>A source whose layers are stored blobs (registry, layout, archive, blob store): reading
/// a layer is opening its blob and passing it through <see cref="LayerReader"/>.</summary>
public abstract class BlobImageSource : IImageSource
{
    /// <inheritdoc/>
    public abstract string Target { get; }

    /// <inheritdoc/>
    public abstract Task<ImageDescription> ResolveAsync(CancellationToken cancellationToken);

    /// <summary>Opens the stored (usually compressed) bytes of a layer.</summary>
    public abstract Task<Stream> OpenLayerBlobAsync(ImageLayer layer, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<LayerEntry> ReadLayerAsync(
        ImageLayer layer, LayerLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var blob = await OpenLayerBlobAsync(layer, cancellationToken);
        await foreach (var entry in LayerReader.ReadTarAsync(blob, layer.Digest, limits, cancellationToken))
        {
            yield return entry;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the source holds.</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
