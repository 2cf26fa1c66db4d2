using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>A blob that is in the store: its digest, length and when it was written.</summary>
public sealed record BlobInfo(Digest Digest, long Size, DateTimeOffset LastModified);
