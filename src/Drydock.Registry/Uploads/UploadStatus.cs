namespace Drydock.Registry.Uploads;

/// <summary>Where an upload stands: its id, repository and how many bytes it holds.</summary>
public sealed record UploadStatus(string Id, string Repository, long Length);
