namespace Drydock.Server;

/// <summary>Limits on what one HTTP request may send (section <c>Http</c> of the settings file).</summary>
public sealed class HttpLimitsOptions
{
    public const string SectionName = "Http";

    /// <summary>
    /// The largest request body, in bytes, on every route except blob uploads (unlimited, streamed to disk) and
    /// manifest PUTs (<c>Registry:MaxManifestBytes</c>). Every /api/v1 body is a small JSON document; a larger one
    /// is refused with 413 before it is buffered.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest vulnerability database bundle <c>POST /api/v1/db/import</c> takes, in bytes. A whole database is
    /// hundreds of megabytes; it is streamed to a staging file beside the database, never held in memory.
    /// </summary>
    public long MaxDatabaseImportBytes { get; set; } = 8L * 1024 * 1024 * 1024;
}
