using Dapper;
using Drydock.Data.Sqlite;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-migrations");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Load_RegistrySet_IsNumberedFromOneWithoutGaps()
    {
        var migrations = SqliteMigrator.Load(SqliteMigrationSet.Registry);

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
