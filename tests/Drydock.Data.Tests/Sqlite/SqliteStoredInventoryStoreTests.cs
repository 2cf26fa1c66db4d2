using Dapper;
using Drydock.Data.Sqlite;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteStoredInventoryStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("drydock-inventory-store");
    private SqliteDatabase _database = null!;
    private SqliteStoredInventoryStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await _database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        _store = new SqliteStoredInventoryStore(_database);

        // 250 successful results over three repositories, one failed result and one success without an inventory.
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        for (var i = 0; i < 250; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO scan_results (repository, manifest_digest, status, summary, inventory, scanned_at, detector_set) VALUES (@r, @d, 'Success', '{}', '[]', 0, @s)",
                new { r = $"team/app{i % 3}", d = $"sha256:{i:x64}", s = i % 10 == 0 ? "old" : "current" });
        }

        await connection.ExecuteAsync("INSERT INTO scan_results (repository, manifest_digest, status, summary, inventory, scanned_at) VALUES ('team/x', 'sha256:f', 'Failed', '{}', '[]', 0)");
        await connection.ExecuteAsync("INSERT INTO scan_results (repository, manifest_digest, status, summary, inventory, scanned_at) VALUES ('team/y', 'sha256:e', 'Success', '{}', NULL, 0)");
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReadBatchAsync_KeysetPages_EveryInventoryOnceInKeyOrder()
    {
        var sizes = new List<int>();
        var keys = new List<(string, string)>();
        (string, string)? after = null;
        while (true)
        {
            var batch = await _store.ReadBatchAsync(after, 100, null, CancellationToken.None);
            sizes.Add(batch.Count);
            keys.AddRange(batch.Select(b => (b.Repository, b.ManifestDigest)));
            if (batch.Count < 100)
            {
                break;
            }

            after = keys[^1];
        }

        Assert.Equal([100, 100, 50], sizes);
        Assert.Equal(250, keys.Distinct().Count());
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task ReadBatchAsync_ExceptDetectorSet_OnlyOtherOrUnrecordedSets()
    {
        await _store.RecordIndexAsync("team/app0", $"sha256:{3:x64}", null, null, CancellationToken.None);

        var other = await _store.ReadBatchAsync(null, 1000, "current", CancellationToken.None);

        Assert.Equal(26, other.Count);
        Assert.All(other, o => Assert.NotEqual("current", o.DetectorSet));
    }

    [Fact]
    public async Task UpdateMatchesAsync_Unchanged_SummaryAndKeysReplaced()
    {
        var read = await ReadAsync($"sha256:{1:x64}");

        Assert.Equal([true], await _store.UpdateMatchesAsync([new(read, """{"matched":true}""", "CVE-1 musl 1.0")], CancellationToken.None));

        var after = await ReadAsync($"sha256:{1:x64}");
        Assert.Equal(("""{"matched":true}""", "CVE-1 musl 1.0"), (after.SummaryJson, after.FindingKeys));
    }

    [Fact]
    public async Task UpdateMatchesAsync_OneScannedAgainSinceRead_NewerResultKeptOtherWritten()
    {
        var read = await ReadAsync($"sha256:{2:x64}");
        await using (var connection = await _database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE scan_results SET summary = '{\"fresh\":1}', scanned_at = 5 WHERE manifest_digest = @d", new { d = read.ManifestDigest });
        }

        var other = await ReadAsync($"sha256:{4:x64}");
        Assert.Equal([false, true], await _store.UpdateMatchesAsync([new(read, "{}", null), new(other, "{}", null)], CancellationToken.None));

        Assert.Equal("{\"fresh\":1}", (await ReadAsync(read.ManifestDigest)).SummaryJson);
    }

    private async Task<Drydock.Data.Scans.StoredInventory> ReadAsync(string digest) =>
        (await _store.ReadBatchAsync(null, 1000, null, CancellationToken.None)).Single(r => r.ManifestDigest == digest);
}
