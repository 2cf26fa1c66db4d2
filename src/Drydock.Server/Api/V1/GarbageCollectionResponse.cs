namespace Drydock.Server.Api.V1;

/// <summary>What <c>POST /api/v1/gc</c> removed (or would remove, with <c>dryRun=true</c>) and kept.</summary>
public sealed record GarbageCollectionResponse(
    bool DryRun,
    IReadOnlyList<GarbageCollectedBlob> Removed,
    long BytesRemoved,
    int Referenced,
    int TooRecent,
    double ElapsedSeconds,
    double LongestWriterBlockMilliseconds);
