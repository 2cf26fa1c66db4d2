using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Data.Webhooks;
using Drydock.Scanning.Indexing;
using Drydock.Server.Updates;
using Drydock.Server.Webhooks;

namespace Drydock.Server.Integration;

/// <summary>
/// After a database update: matches every stored inventory again against the index in force, replacing summaries
/// and finding keys in place, and raises <c>vulnerabilities.new</c> for artifacts that gained findings. No layer is
/// read; the inventories are what indexing stored, read a batch at a time so memory does not grow with the registry,
/// and each batch's summaries are written in one transaction. Results made with another detector set are left to
/// re-indexing.
/// </summary>
internal sealed class Rematcher(IStoredInventoryStore inventories, RegistryScanner scanner, ScanEvents events, IWebhookStore webhookStore, WebhookPublisher webhooks)
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

        // Whether a namespace has a vulnerabilities.new subscriber, asked once per namespace and run.
        var subscribed = new Dictionary<string, bool>(StringComparer.Ordinal);
        (string, string)? after = null;
        while (true)
        {
            var batch = await inventories.ReadBatchAsync(after, BatchSize, null, cancellationToken);
            var matched = new List<(StoredInventory Stored, ScanOutcome Outcome)>(batch.Count);
            foreach (var stored in batch)
            {
                after = (stored.Repository, stored.ManifestDigest);
                if (stored.DetectorSet is not null && stored.DetectorSet != events.DetectorSet)
                {
                    // Made by other detectors: re-indexing replaces it (ReindexOnDetectorChange).
                    skipped++;
                    continue;
                }

                var list = JsonSerializer.Deserialize<List<ImageInventory>>(stored.InventoryJson, InventoryJson) ?? [];
                matched.Add((stored, await scanner.SuccessAsync(list, cancellationToken)));
            }

            var written = await inventories.UpdateMatchesAsync(
                [.. matched.Select(m => new StoredMatch(
                    m.Stored, JsonSerializer.Serialize(m.Outcome.Summary, Json), m.Outcome.Summary.Matched ? FindingKeys.Join(m.Outcome.Findings) : null, m.Outcome.Status))],
                cancellationToken);
            for (var i = 0; i < matched.Count; i++)
            {
                // Not written: scanned again meanwhile, and that scan matched against the new index already.
                if (!written[i])
                {
                    continue;
                }

                rematched++;
                if (await PublishNewFindingsAsync(matched[i].Stored, matched[i].Outcome, subscribed, cancellationToken))
                {
                    withNewFindings++;
                }
            }

            if (batch.Count < BatchSize)
            {
                return new RematchResult(rematched, withNewFindings, skipped);
            }
        }
    }

    // True when the artifact gained findings its previous match did not have.
    private async Task<bool> PublishNewFindingsAsync(
        StoredInventory stored, ScanOutcome outcome, Dictionary<string, bool> subscribed, CancellationToken cancellationToken)
    {
        // An artifact never matched before has no baseline: its first findings are not "new" (a first database on a
        // large registry would otherwise send one event per image).
        if (stored.FindingKeys is null)
        {
            return false;
        }

        var previous = FindingKeys.Parse(stored.FindingKeys);
        var added = outcome.Findings.Where(f => !previous.Contains(FindingKeys.Of(f))).DistinctBy(FindingKeys.Of).ToList();
        if (added.Count == 0)
        {
            return false;
        }

        var namespaceName = ScanEvents.Namespace(stored.Repository);
        if (!subscribed.TryGetValue(namespaceName, out var any))
        {
            any = (await webhookStore.ListAsync(namespaceName, cancellationToken)).Any(w => w.Events.Contains(WebhookEvents.VulnerabilitiesNew));
            subscribed[namespaceName] = any;
        }

        if (any)
        {
            using var previousSummary = JsonDocument.Parse(stored.SummaryJson);
            await webhooks.PublishAsync(
                namespaceName,
                WebhookEvents.VulnerabilitiesNew,
                new
                {
                    repository = stored.Repository,
                    digest = stored.ManifestDigest,
                    databaseVersion = outcome.Summary.DatabaseVersion,
                    newFindings = added.Select(f => new
                    {
                        id = f.VulnerabilityId,
                        aliases = f.Aliases,
                        package = f.Package.Name,
                        installedVersion = f.InstalledVersion,
                        fixedVersion = f.FixedVersion,
                        severity = f.Severity.ToString().ToLowerInvariant(),
                        link = f.Link,
                    }),
                    previousSummary = previousSummary.RootElement,
                    summary = outcome.Summary,
                },
                cancellationToken);
        }

        return true;
    }
}
