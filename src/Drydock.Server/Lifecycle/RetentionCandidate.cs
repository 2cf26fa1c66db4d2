namespace Drydock.Server.Lifecycle;

/// <summary>A tag a retention run removes (or would remove), with the manifests that went with it.</summary>
public sealed record RetentionCandidate(string Repository, string Tag, string Digest, DateTimeOffset PushedAt, DateTimeOffset? LastPulledAt)
{
    /// <summary>Manifests removed because the tag was the last thing naming them (empty on a dry run).</summary>
    public IReadOnlyList<string> ManifestsRemoved { get; init; } = [];
}
