using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Scanning.Indexing;

namespace Drydock.Server.Integration;

/// <summary>
/// After a database update: reloads the match index and matches every stored inventory again, replacing summaries in
/// place. No layer is read; the inventories are what indexing stored.
/// </summary>
internal sealed class Rematcher(IScanStore store, RegistryScanner scanner, ServerMatcher matcher)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions InventoryJson = new();

    /// <summary>Returns the database version now in force and how many artifacts were matched again; null without a database.</summary>
    public async Task<(string DatabaseVersion, int Rematched)?> RematchAllAsync(CancellationToken cancellationToken)
    {
        if (await matcher.ReloadAsync(cancellationToken) is not { } version)
        {
            return null;
        }

        var count = 0;
        await foreach (var result in store.EnumerateInventoriesAsync(cancellationToken))
        {
            var inventories = JsonSerializer.Deserialize<List<ImageInventory>>(result.InventoryJson!, InventoryJson) ?? [];
            var outcome = await scanner.SuccessAsync(inventories, cancellationToken);
            await store.UpdateSummaryAsync(result.Repository, result.ManifestDigest, JsonSerializer.Serialize(outcome.Summary, Json), cancellationToken);
            count++;
        }

        return (version.ToString(), count);
    }
}
