using Drydock.Data.Scans;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Indexing;

namespace Drydock.Server.Integration;

/// <summary>What scanning one manifest produced: a final status, and for images a summary and an inventory per platform.</summary>
internal sealed record ScanOutcome(ScanStatus Status, string? Reason, ScanSummary Summary, IReadOnlyList<ImageInventory> Inventories)
{
    /// <summary>The findings that are not suppressed, over every platform; empty when nothing was matched.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
