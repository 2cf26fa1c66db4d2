using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Drydock.Data.Sqlite;

/// <summary>
/// Applies a <see cref="SqliteMigrationSet"/> to a database: migrations run in number order, each in its own
/// transaction together with its row in <c>schema_migrations</c>, so a crash leaves the database at a
/// migration boundary. Several processes starting at once are safe: the check happens under the write lock.
/// </summary>
public static class SqliteMigrator
{
    /// <summary>The migrations of a set, as (version, name, sql), in order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Load(SqliteMigrationSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var assembly = typeof(SqliteMigrator).Assembly;
        var migrations = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(set.ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[set.ResourcePrefix.Length..];
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(fileName.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{fileName}' of set {set.Name} is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add((version, fileName, reader.ReadToEnd()));
        }

        var ordered = migrations.OrderBy(m => m.Item1).ToList();
        var duplicate = ordered.GroupBy(m => m.Item1).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migration set {set.Name} has two migrations numbered {duplicate.Key}.");
        }

        return ordered;
    }

    /// <summary>Applies the migrations the database does not have yet; returns how many were applied.
    /// Microsoft.Data.Sqlite runs every command synchronously, so this is the synchronous <see cref="Apply"/>.</summary>
    public static Task<int> ApplyAsync(SqliteConnection connection, SqliteMigrationSet set, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Apply(connection, set, timeProvider));
    }

    /// <summary>Applies the migrations the database does not have yet; returns how many were applied. A database
    /// migrated by a newer drydock (a version this build does not know) is refused rather than guessed at.</summary>
    public static int Apply(SqliteConnection connection, SqliteMigrationSet set, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (migration_set TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, version))");
        var migrations = Load(set);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var current = CurrentVersion(connection, set);
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The {set.Name} database is at schema version {current}, newer than this drydock knows ({latest}). Use a newer drydock.");
        }

        var applied = 0;
        foreach (var (version, name, sql) in migrations)
        {
            using var transaction = connection.BeginTransaction();
            var done = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM schema_migrations WHERE migration_set = @Set AND version = @Version",
                new { Set = set.Name, Version = version }, transaction);
            if (done > 0)
            {
                continue;
            }

            connection.Execute(sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_migrations (migration_set, version, name, applied_at) VALUES (@Set, @Version, @Name, @AppliedAt)",
                new { Set = set.Name, Version = version, Name = name, AppliedAt = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                transaction);
            transaction.Commit();
            applied++;
        }

        return applied;
    }

    /// <summary>The highest migration of <paramref name="set"/> applied to the database, 0 for none.</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteMigrationSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return connection.ExecuteScalar<int?>(
            "SELECT MAX(version) FROM schema_migrations WHERE migration_set = @Set", new { Set = set.Name }) ?? 0;
    }
}
