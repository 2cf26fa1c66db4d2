
namespace Drydock.Server;

/// <summary>Server log messages. Event ids 4000–4999 belong to Drydock.Server.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Drydock listening on {Address}")]
    public static partial void Listening(this ILogger logger, string address);

    [LoggerMessage(4002, LogLevel.Information, "Drydock data in {DataDirectory} (database {DatabasePath}, blobs {BlobRoot})")]
    public static partial void DataDirectory(this ILogger logger, string dataDirectory, string databasePath, string blobRoot);

    [LoggerMessage(4003, LogLevel.Information, "Drydock stopping: waiting for requests in flight")]
    public static partial void Stopping(this ILogger logger);

    [LoggerMessage(4004, LogLevel.Information, "Drydock stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(4005, LogLevel.Information, "Upload clean-up removed {Count} abandoned uploads")]
    public static partial void UploadsCleaned(this ILogger logger, int count);

    [LoggerMessage(4006, LogLevel.Debug, "Upload {UploadId} interrupted: the client went away")]
    public static partial void UploadInterrupted(this ILogger logger, string uploadId);
}
