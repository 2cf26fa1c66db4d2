using Dapper;
using Drydock.Data.Scans;
using Drydock.Data.Webhooks;

namespace Drydock.Data.Sqlite;

/// <summary><see cref="IScanCompletionStore"/> on SQLite: the job, the result and the outbox rows in one transaction.</summary>
public sealed class SqliteScanCompletionStore(SqliteDatabase database) : IScanCompletionStore
{
    /// <inheritdoc/>
    public async Task<bool> CompleteAsync(
        string id, string owner, ScanResultRecord result, string? detectorSet, string? findingKeys, WebhookEvent? webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var millis = result.ScannedAt.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE scan_jobs SET status = @status, reason = @reason, lease_owner = NULL, lease_until = NULL, updated_at = @millis, finished_at = @millis
            WHERE id = @id AND lease_owner = @owner AND status = 'Scanning'
            """,
            new { id, owner, status = result.Status.ToString(), reason = result.Reason, millis },
            transaction,
            cancellationToken: cancellationToken));
        if (updated != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO scan_results (repository, manifest_digest, status, reason, summary, inventory, scanned_at, detector_set, finding_keys)
            VALUES (@Repository, @ManifestDigest, @Status, @Reason, @SummaryJson, @InventoryJson, @millis, @detectorSet, @findingKeys)
            ON CONFLICT (repository, manifest_digest) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                summary = excluded.summary, inventory = excluded.inventory, scanned_at = excluded.scanned_at,
                detector_set = excluded.detector_set, finding_keys = excluded.finding_keys
            """,
            new
            {
                result.Repository, result.ManifestDigest, Status = result.Status.ToString(), result.Reason, result.SummaryJson, result.InventoryJson, millis,
                detectorSet, findingKeys,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (webhookEvent is not null)
        {
            await SqliteWebhookStore.EnqueueAsync(connection, transaction, webhookEvent, result.ScannedAt, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
