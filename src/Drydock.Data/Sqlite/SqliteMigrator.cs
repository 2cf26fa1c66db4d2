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

    /// <summary>Applies the migrations the database does not have yet; returns how many were applied.</summary>
    public static async Task<int> ApplyAsync(SqliteConnection connection, SqliteMigrationSet set, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (migration_set TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, version))",
            cancellationToken: cancellationToken));
        var applied = 0;
        foreach (var (version, name, sql) in Load(set))
        {
            using var transaction = connection.BeginTransaction();
            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE migration_set = @Set AND version = @Version",
                new { Set = set.Name, Version = version }, transaction, cancellationToken: cancellationToken));
            if (done > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (migration_set, version, name, applied_at) VALUES (@Set, @Version, @Name, @AppliedAt)",
                new { Set = set.Name, Version = version, Name = name, AppliedAt = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                transaction, cancellationToken: cancellationToken));
            transaction.Commit();
            applied++;
        }

        return applied;
    }
}
