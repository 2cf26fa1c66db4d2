using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>A manifest as stored: the exact bytes the client pushed, with what the registry needs to serve and index it.</summary>
public sealed record ManifestRecord(
    string Repository,
    Digest Digest,
    string MediaType,
    byte[] Content,
    string? ArtifactType,
    Digest? Subject,
    string? AnnotationsJson,
    DateTimeOffset CreatedAt);
