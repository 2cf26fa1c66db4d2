namespace Drydock.Data.Scans;

/// <summary>Where a scan of one manifest stands. "Not scanned" is the absence of any job or result.</summary>
public enum ScanStatus
{
    /// <summary>Waiting for a worker (also after a failed attempt that will be retried).</summary>
    Queued,

    /// <summary>Claimed by a worker holding a lease.</summary>
    Scanning,

    /// <summary>Indexed and matched against the vulnerability database; the summary names what no loaded source covers.</summary>
    Success,

    /// <summary>Gave up, or stopped by request; the reason says which.</summary>
    Failed,

    /// <summary>
    /// Indexed and stored, but not matched: the server has no vulnerability database yet. Not a success (nothing was
    /// judged); the first database update matches it and makes it <see cref="Success"/>.
    /// </summary>
    NoDatabase,

    /// <summary>The manifest is not an image (for example an artifact such as a signature or a Helm chart).</summary>
    Unsupported,
}
