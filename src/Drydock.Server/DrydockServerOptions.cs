namespace Drydock.Server;

/// <summary>How to start Drydock: where its data lives, where it listens, and an optional JSON settings file.</summary>
public sealed class DrydockServerOptions
{
    /// <summary>The default data directory, relative to the working directory.</summary>
    public const string DefaultDataDirectory = "./drydock-data";

    /// <summary>The default listening address: loopback only, plain HTTP.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Where the database and blobs live; null takes <c>Data</c> from the settings file, then <see cref="DefaultDataDirectory"/>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Semicolon-separated listening URLs; null takes <c>Urls</c> from the settings file, then <see cref="DefaultUrls"/>. Port 0 picks a free port.</summary>
    public string? Urls { get; set; }

    /// <summary>A JSON settings file (<c>{"Data": …, "Urls": …, "Registry": {"ExplicitNamespaces": true}}</c>).</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Overrides <c>Registry:ExplicitNamespaces</c> when set.</summary>
    public bool? ExplicitNamespaces { get; set; }

    /// <summary>How long requests in flight may run after SIGTERM or Ctrl-C before they are aborted.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The clock the server's services take (allowlist expiry, leases, timestamps); null is the system clock. Tests pass
    /// one they control to move time past an expiry.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Log level of the console logger; null keeps the host's default (Information).</summary>
    public Microsoft.Extensions.Logging.LogLevel? MinimumLogLevel { get; set; }

    /// <summary><c>text</c> or <c>json</c> (one JSON object a line); null takes <c>Telemetry:LogFormat</c> (default text).</summary>
    public string? LogFormat { get; set; }

    /// <summary>Settings that override the settings file, by configuration key (<c>Scanning:Update:Enabled</c> …).</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; set; }
}
