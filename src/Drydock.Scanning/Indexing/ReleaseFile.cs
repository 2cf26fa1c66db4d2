namespace Drydock.Scanning.Indexing;

/// <summary>A release file (os-release, alpine-release …) kept from a layer for distribution detection.</summary>
/// <param name="Path">The normalised path.</param>
/// <param name="Content">The file content.</param>
public sealed record ReleaseFile(string Path, byte[] Content);
