using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>The outcome of <see cref="IBlobStore.CommitUploadAsync"/>.</summary>
public sealed record BlobCommitResult(BlobCommitStatus Status, BlobInfo? Blob, Digest? ActualDigest);
