using Drydock.Oci;
using Drydock.Oci.Manifests;

namespace Drydock.Testing.Oci;

/// <summary>
/// A manifest or index written into a layout: the descriptor that points at it (with platform or
/// artifactType where it has one), its exact bytes, and every blob it needs beneath it.
/// </summary>
public sealed record BuiltManifest(Descriptor Descriptor, ReadOnlyMemory<byte> Bytes, IReadOnlyList<Descriptor> Blobs)
{
    public Digest Digest => Digest.Parse(Descriptor.Digest);
}
