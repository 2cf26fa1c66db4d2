using Drydock.Oci.Layers;

namespace Drydock.Oci.Sources;

/// <summary>
/// Where an image comes from: a registry, an OCI layout, an archive, a root filesystem, or the
/// registry's own blob store. Resolves the image for one platform and reads each layer in one pass.
/// </summary>
public interface IImageSource : IAsyncDisposable
{
    /// <summary>The target as the user gave it, for messages.</summary>
    string Target { get; }

    /// <summary>Resolves the manifest (choosing one platform from an index), the config and the layers.</summary>
    Task<ImageDescription> ResolveAsync(CancellationToken cancellationToken);

    /// <summary>Reads the entries of one layer in one forward pass, verifying its digest and
    /// guarding against decompression bombs.</summary>
    IAsyncEnumerable<LayerEntry> ReadLayerAsync(ImageLayer layer, LayerLimits limits, CancellationToken cancellationToken);
}
