namespace Drydock.Testing.Rpm;

/// <summary>A source package to build with rpmbuild: its name, epoch, version, release (may use
/// <c>%{?dist}</c>) and the binary packages built from it (the source name itself for the main package).</summary>
public sealed record TestRpm(string Source, int? Epoch, string Version, string Release, IReadOnlyList<string> Binaries);
