using Drydock.Data.Allowlists;
using Drydock.Data.Sqlite;
using Drydock.Testing;
using Microsoft.Data.Sqlite;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteAllowlistStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("drydock-allowlist-store");
    private SqliteDatabase _database = null!;
    private SqliteAllowlistStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await _database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        await new SqliteRegistryStore(_database).CreateNamespaceAsync("team", "{}", Now, CancellationToken.None);
        _store = new SqliteAllowlistStore(_database);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task UpsertAsync_NewThenSameIdInOtherCase_InsertsThenReplaces()
    {
        var inserted = await _store.UpsertAsync(new AllowlistEntry("team", "CVE-2023-32681", "first", "alice", Now, Now.AddDays(1)), CancellationToken.None);
        var replaced = await _store.UpsertAsync(new AllowlistEntry("team", "cve-2023-32681", "second", "bob", Now.AddHours(1), null), CancellationToken.None);

        var entry = Assert.Single(await _store.ListAsync("team", CancellationToken.None));
        Assert.True(inserted);
        Assert.False(replaced);
        Assert.Equal(new AllowlistEntry("team", "cve-2023-32681", "second", "bob", Now.AddHours(1), null), entry);
        Assert.Equal(entry, await _store.GetAsync("team", "CVE-2023-32681", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_TrueThenFalse()
    {
        await _store.UpsertAsync(new AllowlistEntry("team", "GHSA-j8r2-6x86-q33q", "r", "anonymous", Now, null), CancellationToken.None);

        Assert.True(await _store.DeleteAsync("team", "GHSA-J8R2-6X86-Q33Q", CancellationToken.None));
        Assert.False(await _store.DeleteAsync("team", "GHSA-j8r2-6x86-q33q", CancellationToken.None));
        Assert.Empty(await _store.ListAsync("team", CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_UnknownNamespace_RefusedByForeignKey()
    {
        await Assert.ThrowsAsync<SqliteException>(() => _store.UpsertAsync(new AllowlistEntry("nobody", "CVE-2021-44228", "r", "anonymous", Now, null), CancellationToken.None));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void AppliesAt_AroundExpiry_OnlyBefore(int secondsFromExpiry, bool applies)
    {
        var entry = new AllowlistEntry("team", "CVE-2021-44228", "r", "anonymous", Now, Now.AddDays(1));

        Assert.Equal(applies, entry.AppliesAt(Now.AddDays(1).AddSeconds(secondsFromExpiry)));
        Assert.True(entry with { ExpiresAt = null } is { } forever && forever.AppliesAt(DateTimeOffset.MaxValue));
    }
}
