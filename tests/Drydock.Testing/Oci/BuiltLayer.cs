using Drydock.Oci;
using Drydock.Oci.Manifests;

namespace Drydock.Testing.Oci;

/// <summary>A layer written into a layout: its descriptor and the digest of its uncompressed tar (the config's diff_id).</summary>
public sealed record BuiltLayer(Descriptor Descriptor, Digest DiffId);
