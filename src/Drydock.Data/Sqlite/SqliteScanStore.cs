using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Drydock.Data.Scans;

namespace Drydock.Data.Sqlite;

/// <summary>
/// <see cref="IScanStore"/> on SQLite (<c>drydock.db</c>). A claim is one UPDATE … RETURNING over the oldest
/// claimable row, so two workers never hold one job; the lease columns decide who may finish it.
/// </summary>
public sealed class SqliteScanStore(SqliteDatabase database) : IScanStore
{
    private const string JobColumns =
        "id, repository, manifest_digest AS ManifestDigest, reference, status, reason, attempts, lease_owner AS LeaseOwner, " +
        "lease_until AS LeaseUntil, created_at AS CreatedAt, updated_at AS UpdatedAt, finished_at AS FinishedAt";

    private const string ResultColumns =
        "repository, manifest_digest AS ManifestDigest, status, reason, summary AS SummaryJson, inventory AS InventoryJson, scanned_at AS ScannedAt";

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, long>> CountJobsByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM scan_jobs GROUP BY status", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Status, r => r.Count);
    }

    /// <inheritdoc/>
    public async Task<ScanJob> EnqueueAsync(string repository, string manifestDigest, string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var existing = await connection.QueryFirstOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {JobColumns} FROM scan_jobs WHERE repository = @repository AND manifest_digest = @manifestDigest AND status IN ('Queued', 'Scanning') ORDER BY created_at LIMIT 1",
            new { repository, manifestDigest },
            transaction,
            cancellationToken: cancellationToken));
        if (existing is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            return existing.ToJob();
        }

        var id = Guid.NewGuid().ToString("N");
        var millis = now.ToUnixTimeMilliseconds();
        var inserted = await connection.QuerySingleAsync<JobRow>(new CommandDefinition(
            $"""
            INSERT INTO scan_jobs (id, repository, manifest_digest, reference, status, attempts, not_before, created_at, updated_at)
            VALUES (@id, @repository, @manifestDigest, @reference, 'Queued', 0, @millis, @millis, @millis)
            RETURNING {JobColumns}
            """,
            new { id, repository, manifestDigest, reference, millis },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted.ToJob();
    }

    /// <inheritdoc/>
    public async Task<ScanJob?> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {JobColumns} FROM scan_jobs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <inheritdoc/>
    public async Task<ScanJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxAttempts, CancellationToken cancellationToken)
    {
        var millis = now.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);

        // A job whose worker died maxAttempts times (each claim counts) is not tried again: it may be what kills them.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE scan_jobs SET status = 'Failed', reason = 'the worker scanning it stopped responding ' || attempts || ' times',
                lease_owner = NULL, lease_until = NULL, updated_at = @millis, finished_at = @millis
            WHERE status = 'Scanning' AND lease_until < @millis AND attempts >= @maxAttempts
            """,
            new { millis, maxAttempts },
            cancellationToken: cancellationToken));
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"""
            UPDATE scan_jobs SET status = 'Scanning', lease_owner = @owner, lease_until = @until, attempts = attempts + 1, updated_at = @millis
            WHERE id = (
                SELECT id FROM scan_jobs
                WHERE (status = 'Queued' AND not_before <= @millis) OR (status = 'Scanning' AND lease_until < @millis)
                ORDER BY not_before, created_at LIMIT 1)
            RETURNING {JobColumns}
            """,
            new { owner, until = leaseUntil.ToUnixTimeMilliseconds(), millis },
            cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <inheritdoc/>
    public async Task<bool> RenewLeaseAsync(string id, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scan_jobs SET lease_until = @until WHERE id = @id AND lease_owner = @owner AND status = 'Scanning'",
            new { id, owner, until = leaseUntil.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <inheritdoc/>
    public Task<bool> CompleteAsync(string id, string owner, ScanResultRecord result, CancellationToken cancellationToken) =>
        new SqliteScanCompletionStore(database).CompleteAsync(id, owner, result, null, null, null, cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> FailAttemptAsync(string id, string owner, string reason, DateTimeOffset now, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var millis = now.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            retryAt is null
                ? """
                  UPDATE scan_jobs SET status = 'Failed', reason = @reason, lease_owner = NULL, lease_until = NULL, updated_at = @millis, finished_at = @millis
                  WHERE id = @id AND lease_owner = @owner AND status = 'Scanning'
                  """
                : """
                  UPDATE scan_jobs SET status = 'Queued', reason = @reason, lease_owner = NULL, lease_until = NULL, updated_at = @millis, not_before = @retry
                  WHERE id = @id AND lease_owner = @owner AND status = 'Scanning'
                  """,
            new { id, owner, reason, millis, retry = retryAt?.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> StopAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var millis = now.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE scan_jobs SET status = 'Failed', reason = @reason, lease_owner = NULL, lease_until = NULL, updated_at = @millis, finished_at = @millis
            WHERE id = @id AND status IN ('Queued', 'Scanning')
            """,
            new { id, reason, millis },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <inheritdoc/>
    public async Task<ScanResultRecord?> GetResultAsync(string repository, string manifestDigest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ResultRow>(new CommandDefinition(
            $"SELECT {ResultColumns} FROM scan_results WHERE repository = @repository AND manifest_digest = @manifestDigest",
            new { repository, manifestDigest },
            cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc/>
    public async Task<ScanResultRecord?> GetGoverningResultAsync(string repository, string manifestDigest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<ResultRow>(new CommandDefinition(
            $"""
            SELECT {ResultColumns} FROM scan_results WHERE repository = @repository AND manifest_digest = @manifestDigest
            UNION ALL
            SELECT {ResultColumns} FROM scan_results
            WHERE repository = @repository AND manifest_digest IN (
                SELECT mr.manifest_digest FROM manifest_references mr JOIN repositories r ON r.id = mr.repository_id
                WHERE r.name = @repository AND mr.digest = @manifestDigest AND mr.kind = 1)
            """,
            new { repository, manifestDigest },
            cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ArtifactRecord>> ListArtifactsAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // One read snapshot for the four queries: read apart, a scan committing between the results query and the jobs
        // query showed a Success job with no result (summary null), which made the scan tests fail now and then.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var manifests = (await connection.QueryAsync<ManifestRow>(new CommandDefinition(
            """
            SELECT m.digest AS Digest, m.media_type AS MediaType, m.created_at AS CreatedAt
            FROM manifests m JOIN repositories r ON r.id = m.repository_id
            WHERE r.name = @repository ORDER BY m.created_at DESC, m.digest
            """,
            new { repository },
            snapshot,
            cancellationToken: cancellationToken))).ToList();
        var tags = (await connection.QueryAsync<TagRow>(new CommandDefinition(
            "SELECT t.name AS Name, t.manifest_digest AS Digest FROM tags t JOIN repositories r ON r.id = t.repository_id WHERE r.name = @repository ORDER BY t.name",
            new { repository },
            snapshot,
            cancellationToken: cancellationToken))).ToLookup(t => t.Digest, t => t.Name, StringComparer.Ordinal);
        var results = (await connection.QueryAsync<ResultRow>(new CommandDefinition(
            $"SELECT {ResultColumns} FROM scan_results WHERE repository = @repository", new { repository }, snapshot, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.ManifestDigest, r => r.ToRecord(), StringComparer.Ordinal);

        // The newest job per manifest: what a not-yet-finished scan reports.
        var jobs = (await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT {JobColumns} FROM scan_jobs WHERE repository = @repository ORDER BY created_at", new { repository }, snapshot, cancellationToken: cancellationToken)))
            .GroupBy(j => j.ManifestDigest, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().ToJob(), StringComparer.Ordinal);
        return manifests
            .Select(m => new ArtifactRecord(
                m.Digest,
                m.MediaType,
                [.. tags[m.Digest]],
                DateTimeOffset.Parse(m.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                results.GetValueOrDefault(m.Digest),
                jobs.GetValueOrDefault(m.Digest)))
            .ToList();
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ScanResultRecord> EnumerateInventoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition(
            $"SELECT {ResultColumns} FROM scan_results WHERE status IN ('Success', 'NoDatabase') AND inventory IS NOT NULL ORDER BY repository, manifest_digest",
            cancellationToken: cancellationToken));
        foreach (var row in rows)
        {
            yield return row.ToRecord();
        }
    }

    /// <inheritdoc/>
    public async Task<bool> UpdateSummaryAsync(string repository, string manifestDigest, string summaryJson, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scan_results SET summary = @summaryJson WHERE repository = @repository AND manifest_digest = @manifestDigest",
            new { repository, manifestDigest, summaryJson },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> UpdateNamespaceSettingsAsync(string name, string settingsJson, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE namespaces SET settings = @settingsJson WHERE name = @name", new { name, settingsJson }, cancellationToken: cancellationToken));
        return updated == 1;
    }

    private static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private sealed record JobRow(
        string Id, string Repository, string ManifestDigest, string Reference, string Status, string? Reason, long Attempts,
        string? LeaseOwner, long? LeaseUntil, long CreatedAt, long UpdatedAt, long? FinishedAt)
    {
        public ScanJob ToJob() => new(
            Id,
            Repository,
            ManifestDigest,
            Reference,
            Enum.Parse<ScanStatus>(Status),
            Reason,
            (int)Attempts,
            LeaseOwner,
            LeaseUntil is { } until ? FromMillis(until) : null,
            FromMillis(CreatedAt),
            FromMillis(UpdatedAt),
            FinishedAt is { } finished ? FromMillis(finished) : null);
    }

    private sealed record ResultRow(string Repository, string ManifestDigest, string Status, string? Reason, string SummaryJson, string? InventoryJson, long ScannedAt)
    {
        public ScanResultRecord ToRecord() =>
            new(Repository, ManifestDigest, Enum.Parse<ScanStatus>(Status), Reason, SummaryJson, InventoryJson, FromMillis(ScannedAt));
    }

    private sealed record ManifestRow(string Digest, string MediaType, string CreatedAt);

    private sealed record TagRow(string Name, string Digest);
}
