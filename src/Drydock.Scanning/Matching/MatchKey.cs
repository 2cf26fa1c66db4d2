namespace Drydock.Scanning.Matching;

/// <summary>Where a statement applies: ecosystem, distribution key (null for language packages) and the
/// normalised package name.</summary>
/// <param name="Ecosystem">The ecosystem key ("deb", "apk", "npm" …).</param>
/// <param name="Distribution">"debian:12", "alpine:3.10", "rhel:9", "wolfi"; null for language packages.</param>
/// <param name="Name">The package name as the feed uses it.</param>
public readonly record struct MatchKey(string Ecosystem, string? Distribution, string Name);
