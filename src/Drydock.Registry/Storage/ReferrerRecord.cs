using Drydock.Oci;

namespace Drydock.Registry.Storage;

/// <summary>A manifest whose <c>subject</c> is another manifest: what the referrers API lists for it.</summary>
public sealed record ReferrerRecord(Digest Digest, string MediaType, long Size, string? ArtifactType, string? AnnotationsJson);
