namespace Drydock.Registry.Uploads;

/// <summary>The answer to a cross-repository mount: the blob was mounted, or an upload session was started instead.</summary>
public sealed record MountOutcome(bool Mounted, UploadStatus? Upload);
