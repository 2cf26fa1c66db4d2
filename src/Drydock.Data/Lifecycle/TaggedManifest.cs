namespace Drydock.Data.Lifecycle;

/// <summary>A tag with the manifest it names, when it was last pointed there, and that manifest's last pull.</summary>
public sealed record TaggedManifest(string Repository, string Tag, string Digest, DateTimeOffset PushedAt, DateTimeOffset? LastPulledAt);
