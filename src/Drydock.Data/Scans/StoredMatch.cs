namespace Drydock.Data.Scans;

/// <summary>A new match of a stored result: the result as it was read, its new summary and finding keys, and its status
/// (<see cref="ScanStatus.Success"/> once matched, <see cref="ScanStatus.NoDatabase"/> while there is no database).</summary>
public sealed record StoredMatch(StoredInventory Read, string SummaryJson, string? FindingKeys, ScanStatus Status = ScanStatus.Success);
