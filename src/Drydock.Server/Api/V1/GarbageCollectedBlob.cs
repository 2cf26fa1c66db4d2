namespace Drydock.Server.Api.V1;

/// <summary>A blob garbage collection removed.</summary>
public sealed record GarbageCollectedBlob(string Digest, long Size);
