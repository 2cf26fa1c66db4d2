using Drydock.Oci;

namespace Drydock.Registry.Manifests;

/// <summary>A stored manifest's digest, and its subject when it has one (answered in the <c>OCI-Subject</c> header).</summary>
public sealed record PutManifestResult(Digest Digest, Digest? Subject);
