namespace Drydock.Server.Integration;

/// <summary>One scanned platform image of an artifact.</summary>
public sealed record PlatformSummary(string ManifestDigest, string? Platform, string? Distribution, int Packages, int LayersRead, int CacheHits, IReadOnlyList<string> Warnings);
