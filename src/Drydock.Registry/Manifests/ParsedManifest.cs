using Drydock.Oci;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Manifests;

/// <summary>What the registry needs from a manifest it accepted: its type, references, subject and artifact type.</summary>
public sealed record ParsedManifest(
    string MediaType,
    IReadOnlyList<ManifestReferenceRecord> References,
    Digest? Subject,
    string? ArtifactType,
    string? AnnotationsJson);
