namespace Drydock.Registry.Storage;

/// <summary>An upload in the staging area: its id, how many bytes it holds and when it was last written.</summary>
public sealed record StagedUpload(string UploadId, long Length, DateTimeOffset LastModified);
