using Dapper;
using Drydock.Data.Allowlists;

namespace Drydock.Data.Sqlite;

/// <summary><see cref="IAllowlistStore"/> on SQLite (<c>drydock.db</c>, table <c>allowlist_entries</c>).</summary>
public sealed class SqliteAllowlistStore(SqliteDatabase database) : IAllowlistStore
{
    private const string Columns =
        "namespace AS Namespace, vulnerability_id AS VulnerabilityId, reason AS Reason, added_by AS AddedBy, added_at AS AddedAt, expires_at AS ExpiresAt";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AllowlistEntry>> ListAsync(string namespaceName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM allowlist_entries WHERE namespace = @namespace ORDER BY vulnerability_id",
            new { @namespace = namespaceName },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToEntry())];
    }

    /// <inheritdoc/>
    public async Task<AllowlistEntry?> GetAsync(string namespaceName, string vulnerabilityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM allowlist_entries WHERE namespace = @namespace AND vulnerability_id = @vulnerabilityId",
            new { @namespace = namespaceName, vulnerabilityId },
            cancellationToken: cancellationToken));
        return row?.ToEntry();
    }

    /// <inheritdoc/>
    public async Task<bool> UpsertAsync(AllowlistEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var existed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM allowlist_entries WHERE namespace = @Namespace AND vulnerability_id = @VulnerabilityId",
            new { entry.Namespace, entry.VulnerabilityId },
            transaction,
            cancellationToken: cancellationToken)) > 0;

        // The id is replaced too, so a re-added entry keeps the spelling of its latest request.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO allowlist_entries (namespace, vulnerability_id, reason, added_by, added_at, expires_at)
            VALUES (@Namespace, @VulnerabilityId, @Reason, @AddedBy, @AddedAt, @ExpiresAt)
            ON CONFLICT (namespace, vulnerability_id) DO UPDATE SET
                vulnerability_id = excluded.vulnerability_id, reason = excluded.reason, added_by = excluded.added_by,
                added_at = excluded.added_at, expires_at = excluded.expires_at
            """,
            new
            {
                entry.Namespace,
                entry.VulnerabilityId,
                entry.Reason,
                entry.AddedBy,
                AddedAt = entry.AddedAt.ToUnixTimeMilliseconds(),
                ExpiresAt = entry.ExpiresAt?.ToUnixTimeMilliseconds(),
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return !existed;
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string namespaceName, string vulnerabilityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM allowlist_entries WHERE namespace = @namespace AND vulnerability_id = @vulnerabilityId",
            new { @namespace = namespaceName, vulnerabilityId },
            cancellationToken: cancellationToken)) > 0;
    }

    private sealed record Row(string Namespace, string VulnerabilityId, string Reason, string AddedBy, long AddedAt, long? ExpiresAt)
    {
        public AllowlistEntry ToEntry() => new(
            Namespace,
            VulnerabilityId,
            Reason,
            AddedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(AddedAt),
            ExpiresAt is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null);
    }
}
