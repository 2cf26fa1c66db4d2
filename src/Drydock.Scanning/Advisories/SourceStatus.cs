namespace Drydock.Scanning.Advisories;

/// <summary>What <c>drydock db status</c> prints for one source.</summary>
/// <param name="Source">The source name.</param>
/// <param name="LastSuccess">The last update that committed or found the feed unchanged.</param>
/// <param name="LastAttempt">The last update attempt.</param>
/// <param name="RecordCount">The records in force.</param>
/// <param name="Error">Why the last attempt failed; null when it succeeded.</param>
public sealed record SourceStatus(string Source, DateTimeOffset? LastSuccess, DateTimeOffset? LastAttempt, int RecordCount, string? Error);
