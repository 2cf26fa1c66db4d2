using Dapper;
using Drydock.Data.Sqlite;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-migrations");

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Sets() => new() { SqliteMigrationSet.Registry.Name, SqliteMigrationSet.Advisories.Name };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Load_EachSet_IsNumberedFromOneWithoutGaps(string set)
    {
        var migrations = SqliteMigrator.Load(new SqliteMigrationSet(set));

        Assert.NotEmpty(migrations);
        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
        Assert.All(migrations, m => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", m.Name));
    }

    [Fact]
    public async Task ApplyAsync_FreshDatabase_AppliesAllAndRecordsThem()
    {
        var database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await using var connection = await database.OpenAsync(CancellationToken.None);

        var applied = await SqliteMigrator.ApplyAsync(connection, SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);

        var expected = SqliteMigrator.Load(SqliteMigrationSet.Registry);
        Assert.Equal(expected.Count, applied);
        var recorded = await connection.QueryAsync<long>("SELECT version FROM schema_migrations WHERE migration_set = 'Registry' ORDER BY version");
        Assert.Equal(expected.Select(m => (long)m.Version), recorded);
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();
        Assert.Superset(new HashSet<string> { "namespaces", "repositories", "blobs", "repository_blobs", "manifests", "manifest_references", "tags", "uploads" }, tables);
    }

    [Fact]
    public async Task Apply_DatabaseFromANewerDrydock_IsRefused()
    {
        var database = new SqliteDatabase(_directory.Combine("vulndb.sqlite"));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        SqliteMigrator.Apply(connection, SqliteMigrationSet.Advisories, TimeProvider.System);
        await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES ('Advisories', 9999, '9999_future.sql', '2030-01-01')");

        var error = Assert.Throws<InvalidOperationException>(() => SqliteMigrator.Apply(connection, SqliteMigrationSet.Advisories, TimeProvider.System));

        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
        Assert.Equal(9999, SqliteMigrator.CurrentVersion(connection, SqliteMigrationSet.Advisories));
    }

    [Fact]
    public async Task ApplyAsync_Twice_SecondRunAppliesNothing()
    {
        var database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await SqliteMigrator.ApplyAsync(connection, SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);

        var applied = await SqliteMigrator.ApplyAsync(connection, SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);

        Assert.Equal(0, applied);
    }

    [Fact]
    public async Task ApplyAsync_SeveralProcessesAtOnce_EachMigrationAppliedOnce()
    {
        var path = _directory.Combine("drydock.db");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var database = new SqliteDatabase(path);
            await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        })));

        var check = new SqliteDatabase(path);
        await using var connection = await check.OpenAsync(CancellationToken.None);
        var count = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
        Assert.Equal(SqliteMigrator.Load(SqliteMigrationSet.Registry).Count, count);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWal()
    {
        var database = new SqliteDatabase(_directory.Combine("sub", "drydock.db"));

        await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);

        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public void Load_UnknownSet_IsEmpty()
    {
        // A second database (the advisory one) brings its own folder; a set without files has nothing to apply.
        Assert.Empty(SqliteMigrator.Load(new SqliteMigrationSet("NoSuchSet")));
    }
}
