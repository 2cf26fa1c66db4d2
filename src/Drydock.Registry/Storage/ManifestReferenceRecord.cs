using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>One blob or child manifest a manifest references (the edges garbage collection marks from).</summary>
public sealed record ManifestReferenceRecord(Digest Digest, ManifestReferenceKind Kind);
