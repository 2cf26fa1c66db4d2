namespace Drydock.Server.Updates;

/// <summary>The server's advisory updater (section <c>Scanning:Update</c> of the settings file).</summary>
public sealed class DatabaseUpdateOptions
{
    public const string SectionName = "Scanning:Update";

    /// <summary>Whether the schedule runs; <c>POST /api/v1/db/update</c> works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between scheduled updates; the first runs at start-up when the last attempt is older than this.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The advisory sources to update (names as <c>drydock db status</c> lists them); empty means all.</summary>
    public IList<string> Sources { get; } = [];

    /// <summary>A mirror: a base URL holding each document at <c>{From}/{host}/{path}</c>, or a directory laid out the same way; null reads upstream.</summary>
    public string? From { get; set; }

    /// <summary>How long one feed document may take to download.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
