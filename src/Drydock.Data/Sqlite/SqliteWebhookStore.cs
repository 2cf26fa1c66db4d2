using Dapper;
using Drydock.Data.Webhooks;

namespace Drydock.Data.Sqlite;

/// <summary>
/// <see cref="IWebhookStore"/> on SQLite (<c>drydock.db</c>). An event fans out with one INSERT … SELECT over the
/// namespace's subscribed webhooks; a claim is one UPDATE … RETURNING over due rows, so two dispatchers never hold
/// one delivery. Times are unix milliseconds.
/// </summary>
public sealed class SqliteWebhookStore(SqliteDatabase database) : IWebhookStore
{
    private const string WebhookColumns = "id, namespace, url, secret, events, created_at AS CreatedAt";

    private const string DeliveryColumns =
        "id, webhook_id AS WebhookId, event, status, attempts, status_code AS StatusCode, last_error AS LastError, created_at AS CreatedAt, " +
        "updated_at AS UpdatedAt, next_attempt_at AS NextAttemptAt, delivered_at AS DeliveredAt";

    /// <inheritdoc/>
    public async Task<Webhook> CreateAsync(
        string namespaceName, string url, string secret, IReadOnlyList<string> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<WebhookRow>(new CommandDefinition(
            $"""
            INSERT INTO webhooks (id, namespace, url, secret, events, created_at) VALUES (@id, @namespaceName, @url, @secret, @events, @now)
            RETURNING {WebhookColumns}
            """,
            new { id = Guid.NewGuid().ToString("N"), namespaceName, url, secret, events = string.Join(',', events), now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
        return row.ToWebhook();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Webhook>> ListAsync(string namespaceName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WebhookRow>(new CommandDefinition(
            $"SELECT {WebhookColumns} FROM webhooks WHERE namespace = @namespaceName ORDER BY created_at, id", new { namespaceName }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToWebhook())];
    }

    /// <inheritdoc/>
    public async Task<Webhook?> GetAsync(string namespaceName, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(
            $"SELECT {WebhookColumns} FROM webhooks WHERE namespace = @namespaceName AND id = @id", new { namespaceName, id }, cancellationToken: cancellationToken));
        return row?.ToWebhook();
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string namespaceName, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhooks WHERE namespace = @namespaceName AND id = @id", new { namespaceName, id }, cancellationToken: cancellationToken));
        return deleted == 1;
    }

    /// <inheritdoc/>
    public async Task<int> EnqueueAsync(string namespaceName, string eventName, string payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await EnqueueAsync(connection, null, new WebhookEvent(namespaceName, eventName, payload), now, cancellationToken);
    }

    /// <summary>The outbox insert, inside a caller's transaction (a scan's completion writes its event with its result).</summary>
    internal static Task<int> EnqueueAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, WebhookEvent webhookEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, next_attempt_at, created_at, updated_at)
            SELECT lower(hex(randomblob(16))), id, @Name, @Payload, 'Pending', 0, @now, @now, @now
            FROM webhooks WHERE namespace = @Namespace AND (',' || events || ',') LIKE ('%,' || @Name || ',%')
            """,
            new { webhookEvent.Namespace, webhookEvent.Name, webhookEvent.Payload, now = now.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PendingDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var claimed = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET lease_owner = @owner, lease_until = @until
            WHERE id IN (
                SELECT id FROM webhook_deliveries
                WHERE status = 'Pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                ORDER BY next_attempt_at, created_at LIMIT @limit)
            RETURNING id
            """,
            new { owner, until = leaseUntil.ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(), limit },
            transaction,
            cancellationToken: cancellationToken))).AsList();
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var rows = await connection.QueryAsync<PendingRow>(new CommandDefinition(
            """
            SELECT d.id AS Id, d.webhook_id AS WebhookId, w.url AS Url, w.secret AS Secret, d.event AS Event, d.payload AS Payload, d.attempts AS Attempts
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.id IN @claimed ORDER BY d.next_attempt_at, d.created_at
            """,
            new { claimed },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return [.. rows.Select(r => new PendingDelivery(r.Id, r.WebhookId, r.Url, r.Secret, r.Event, r.Payload, (int)r.Attempts))];
    }

    /// <inheritdoc/>
    public async Task<bool> RecordAttemptAsync(
        string id, string owner, int? statusCode, string? failure, WebhookDeliveryStatus status, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        var millis = now.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET attempts = attempts + 1, status_code = @statusCode, last_error = COALESCE(@failure, last_error), status = @status,
                next_attempt_at = COALESCE(@next, next_attempt_at), lease_owner = NULL, lease_until = NULL, updated_at = @millis,
                delivered_at = CASE WHEN @status = 'Delivered' THEN @millis ELSE delivered_at END
            WHERE id = @id AND lease_owner = @owner AND status = 'Pending'
            """,
            new { id, owner, statusCode, failure, status = status.ToString(), next = nextAttemptAt?.ToUnixTimeMilliseconds(), millis },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = @webhookId ORDER BY created_at DESC, id LIMIT @limit",
            new { webhookId, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToDelivery())];
    }

    private static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private sealed record WebhookRow(string Id, string Namespace, string Url, string Secret, string Events, long CreatedAt)
    {
        public Webhook ToWebhook() => new(Id, Namespace, Url, Secret, Events.Split(',', StringSplitOptions.RemoveEmptyEntries), FromMillis(CreatedAt));
    }

    private sealed record PendingRow(string Id, string WebhookId, string Url, string Secret, string Event, string Payload, long Attempts);

    private sealed record DeliveryRow(
        string Id, string WebhookId, string Event, string Status, long Attempts, long? StatusCode, string? LastError, long CreatedAt, long UpdatedAt,
        long NextAttemptAt, long? DeliveredAt)
    {
        public WebhookDelivery ToDelivery()
        {
            var status = Enum.Parse<WebhookDeliveryStatus>(Status);
            return new(
                Id,
                WebhookId,
                Event,
                status,
                (int)Attempts,
                StatusCode is { } code ? (int)code : null,
                LastError,
                FromMillis(CreatedAt),
                FromMillis(UpdatedAt),
                status == WebhookDeliveryStatus.Pending ? FromMillis(NextAttemptAt) : null,
                DeliveredAt is { } delivered ? FromMillis(delivered) : null);
        }
    }
}
