namespace Drydock.Scanning.Advisories;

/// <summary>The result of updating one source.</summary>
/// <param name="Source">The source name.</param>
/// <param name="Outcome">Updated, unchanged or failed.</param>
/// <param name="RecordCount">Records committed (Updated only).</param>
/// <param name="Error">Why it failed (Failed only).</param>
public sealed record SourceUpdateResult(string Source, SourceUpdateOutcome Outcome, int RecordCount, string? Error);
