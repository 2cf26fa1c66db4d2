using Drydock.Data.Scans;
using Drydock.Scanning.Indexing;

namespace Drydock.Server.Integration;

/// <summary>What scanning one manifest produced: a final status, and for images a summary and an inventory per platform.</summary>
internal sealed record ScanOutcome(ScanStatus Status, string? Reason, ScanSummary Summary, IReadOnlyList<ImageInventory> Inventories);
