namespace Drydock.Server.Updates;

/// <summary>One source's outcome in a database update.</summary>
public sealed record SourceUpdate(string Source, string Outcome, int Records, string? Error);
