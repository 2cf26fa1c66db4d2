namespace Drydock.Testing.Images;

/// <summary>What <see cref="TestImageBuilder"/> wrote.</summary>
/// <param name="ManifestDigest">The manifest digest.</param>
/// <param name="LayerDigests">The stored (compressed) layer digests, base first.</param>
/// <param name="DiffIds">The uncompressed layer digests, base first.</param>
public sealed record BuiltImage(string ManifestDigest, IReadOnlyList<string> LayerDigests, IReadOnlyList<string> DiffIds);
