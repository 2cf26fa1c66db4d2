namespace Drydock.Scanning.Indexing;

/// <summary>A symbolic link at a path some detector reads (/etc/os-release → ../usr/lib/os-release).</summary>
/// <param name="Path">The normalised path of the link.</param>
/// <param name="Target">The target as written in the layer.</param>
public sealed record LayerLink(string Path, string Target);
