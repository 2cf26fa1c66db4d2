using Dapper;
using Drydock.Data.Scans;

namespace Drydock.Data.Sqlite;

/// <summary><see cref="IStoredInventoryStore"/> on SQLite: keyset pages over <c>scan_results</c>' primary key.</summary>
public sealed class SqliteStoredInventoryStore(SqliteDatabase database) : IStoredInventoryStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredInventory>> ReadBatchAsync(
        (string Repository, string ManifestDigest)? after, int limit, string? exceptDetectorSet, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredInventory>(new CommandDefinition(
            $"""
            SELECT repository AS Repository, manifest_digest AS ManifestDigest, inventory AS InventoryJson, summary AS SummaryJson,
                   detector_set AS DetectorSet, finding_keys AS FindingKeys, scanned_at AS ScannedAt
            FROM scan_results
            WHERE status IN ('Success', 'NoDatabase') AND inventory IS NOT NULL
              {(after is null ? string.Empty : "AND (repository, manifest_digest) > (@repository, @digest)")}
              {(exceptDetectorSet is null ? string.Empty : "AND (detector_set IS NULL OR detector_set <> @exceptDetectorSet)")}
            ORDER BY repository, manifest_digest
            LIMIT @limit
            """,
            new { repository = after?.Repository, digest = after?.ManifestDigest, exceptDetectorSet, limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<bool>> UpdateMatchesAsync(IReadOnlyList<StoredMatch> matches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matches);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var written = new bool[matches.Count];
        for (var i = 0; i < matches.Count; i++)
        {
            var (read, summaryJson, findingKeys, status) = matches[i];
            written[i] = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE scan_results SET summary = @summaryJson, finding_keys = @findingKeys, status = @status,
                    reason = CASE WHEN @status = 'Success' THEN NULL ELSE reason END
                WHERE repository = @Repository AND manifest_digest = @ManifestDigest AND scanned_at = @ScannedAt
                """,
                new { read.Repository, read.ManifestDigest, read.ScannedAt, summaryJson, findingKeys, status = status.ToString() },
                transaction,
                cancellationToken: cancellationToken)) == 1;
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <inheritdoc/>
    public async Task RecordIndexAsync(string repository, string manifestDigest, string? detectorSet, string? findingKeys, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scan_results SET detector_set = @detectorSet, finding_keys = @findingKeys WHERE repository = @repository AND manifest_digest = @manifestDigest",
            new { repository, manifestDigest, detectorSet, findingKeys },
            cancellationToken: cancellationToken));
    }
}
