using Drydock.Oci;
using Microsoft.Extensions.Logging;

namespace Drydock.Registry;

/// <summary>Registry log messages. Event ids 1000–1999 belong to Drydock.Registry.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Garbage collection started: {Referenced} referenced blobs marked")]
    public static partial void GarbageCollectionStarted(this ILogger logger, int referenced);

    [LoggerMessage(1002, LogLevel.Information, "Blob {Digest} removed ({Size} bytes)")]
    public static partial void BlobRemoved(this ILogger logger, Digest digest, long size);

    [LoggerMessage(1003, LogLevel.Information, "Garbage collection completed: {Removed} blobs ({Bytes} bytes) {Verb}, {Kept} kept")]
    public static partial void GarbageCollectionCompleted(this ILogger logger, int removed, long bytes, string verb, int kept);

    [LoggerMessage(1004, LogLevel.Information, "Upload {UploadId} removed: {Reason}")]
    public static partial void UploadRemoved(this ILogger logger, string uploadId, string reason);
}
