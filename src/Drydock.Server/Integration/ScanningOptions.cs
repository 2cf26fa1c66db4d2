namespace Drydock.Server.Integration;

/// <summary>The scan worker's settings (section <c>Scanning</c> of the settings file).</summary>
public sealed class ScanningOptions
{
    public const string SectionName = "Scanning";

    /// <summary>How many scans this server runs at once; 0 makes it queue scans for other replicas without running any.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>How long a claimed job stays ours without a renewal; a crashed worker's job is claimed again after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts (failures and lost leases) before a job fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first retry delay; it doubles with each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle worker looks for work queued by another replica (local pushes wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
