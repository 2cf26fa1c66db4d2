using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Scanning.Indexing;
using Drydock.Server.Updates;
using Drydock.Server.Webhooks;

namespace Drydock.Server.Integration;

/// <summary>
/// After a database update: matches every stored inventory again against the index in force, replacing summaries
/// and finding keys in place, and raises <c>vulnerabilities.new</c> for artifacts that gained findings. No layer is
/// read; the inventories are what indexing stored, read a batch at a time so memory does not grow with the registry.
/// Results made with another detector set are left to re-indexing.
/// </summary>
internal sealed class Rematcher(IStoredInventoryStore inventories, RegistryScanner scanner, ScanEvents events, WebhookPublisher webhooks)
{
    /// <summary>Inventories held in memory at once.</summary>
    public const int BatchSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions InventoryJson = new();

    /// <summary>Matches every stored inventory again.</summary>
    public async Task<RematchResult> RematchAllAsync(CancellationToken cancellationToken)
    {
        var rematched = 0;
        var withNewFindings = 0;
        var skipped = 0;
        (string, string)? after = null;
        while (true)
        {
            var batch = await inventories.ReadBatchAsync(after, BatchSize, null, cancellationToken);
            foreach (var stored in batch)
            {
                after = (stored.Repository, stored.ManifestDigest);
                if (stored.DetectorSet is not null && stored.DetectorSet != events.DetectorSet)
                {
                    // Made by other detectors: re-indexing replaces it (ReindexOnDetectorChange).
                    skipped++;
                    continue;
                }

                if (await RematchAsync(stored, cancellationToken))
                {
                    withNewFindings++;
                }

                rematched++;
            }

            if (batch.Count < BatchSize)
            {
                return new RematchResult(rematched, withNewFindings, skipped);
            }
        }
    }

    // True when the artifact gained findings its previous match did not have.
    private async Task<bool> RematchAsync(StoredInventory stored, CancellationToken cancellationToken)
    {
        var list = JsonSerializer.Deserialize<List<ImageInventory>>(stored.InventoryJson, InventoryJson) ?? [];
        var outcome = await scanner.SuccessAsync(list, cancellationToken);
        var summaryJson = JsonSerializer.Serialize(outcome.Summary, Json);
        if (!await inventories.UpdateMatchAsync(stored, summaryJson, outcome.Summary.Matched ? FindingKeys.Join(outcome.Findings) : null, cancellationToken))
        {
            // Scanned again meanwhile: that scan's summary was matched against the new index already.
            return false;
        }

        // An artifact never matched before has no baseline: its first findings are not "new" (a first database on a
        // large registry would otherwise send one event per image).
        if (stored.FindingKeys is null)
        {
            return false;
        }

        var previous = FindingKeys.Parse(stored.FindingKeys);
        var added = outcome.Findings
            .Where(f => !previous.Contains(FindingKeys.Of(f)))
            .DistinctBy(FindingKeys.Of)
            .Select(f => new
            {
                id = f.VulnerabilityId,
                aliases = f.Aliases,
                package = f.Package.Name,
                installedVersion = f.InstalledVersion,
                fixedVersion = f.FixedVersion,
                severity = f.Severity.ToString().ToLowerInvariant(),
                link = f.Link,
            })
            .ToList();
        if (added.Count == 0)
        {
            return false;
        }

        using var previousSummary = JsonDocument.Parse(stored.SummaryJson);
        await webhooks.PublishAsync(
            ScanEvents.Namespace(stored.Repository),
            WebhookEvents.VulnerabilitiesNew,
            new
            {
                repository = stored.Repository,
                digest = stored.ManifestDigest,
                databaseVersion = outcome.Summary.DatabaseVersion,
                newFindings = added,
                previousSummary = previousSummary.RootElement,
                summary = outcome.Summary,
            },
            cancellationToken);
        return true;
    }
}
