namespace Drydock.Registry.Storage;

/// <summary>A blob upload the registry has started for a repository. Its bytes are in the blob store's staging area.</summary>
public sealed record UploadSession(string Id, string Repository, DateTimeOffset StartedAt);
