namespace Drydock.Scanning.Advisories;

/// <summary>The manifest of an offline bundle.</summary>
/// <param name="Format">The bundle format, <see cref="OfflineBundle.Format"/>.</param>
/// <param name="Revision">The database revision bundled.</param>
/// <param name="UpdatedAt">When that revision was committed.</param>
/// <param name="SchemaVersion">The database schema version.</param>
/// <param name="Size">The database file's size in bytes.</param>
/// <param name="Sha256">The database file's SHA-256, lowercase hex.</param>
/// <param name="CreatedAt">When the bundle was written.</param>
public sealed record BundleManifest(string Format, long Revision, DateTimeOffset? UpdatedAt, int SchemaVersion, long Size, string Sha256, DateTimeOffset CreatedAt);
