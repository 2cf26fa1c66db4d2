namespace Drydock.Data.Scans;

/// <summary>A new match of a stored result: the result as it was read, its new summary and finding keys.</summary>
public sealed record StoredMatch(StoredInventory Read, string SummaryJson, string? FindingKeys);
