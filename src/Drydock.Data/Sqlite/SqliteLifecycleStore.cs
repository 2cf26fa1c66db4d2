using System.Globalization;
using Dapper;
using Drydock.Data.Lifecycle;

namespace Drydock.Data.Sqlite;

/// <summary><see cref="ILifecycleStore"/> on SQLite (<c>drydock.db</c>).</summary>
public sealed class SqliteLifecycleStore(SqliteDatabase database) : ILifecycleStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ImmutabilityRule>> ListImmutabilityRulesAsync(string namespaceName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Namespace, string RepositoryPattern, string TagPattern, string CreatedAt)>(new CommandDefinition(
            "SELECT id, namespace, repository_pattern, tag_pattern, created_at FROM immutability_rules WHERE namespace = @Namespace ORDER BY created_at, id",
            new { Namespace = namespaceName }, cancellationToken: cancellationToken));
        return rows.Select(r => new ImmutabilityRule(r.Id, r.Namespace, r.RepositoryPattern, r.TagPattern, Time(r.CreatedAt))).ToList();
    }

    /// <inheritdoc/>
    public async Task AddImmutabilityRuleAsync(ImmutabilityRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO immutability_rules (id, namespace, repository_pattern, tag_pattern, created_at) VALUES (@Id, @Namespace, @RepositoryPattern, @TagPattern, @CreatedAt)",
            new { rule.Id, rule.Namespace, rule.RepositoryPattern, rule.TagPattern, CreatedAt = Text(rule.CreatedAt) }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteImmutabilityRuleAsync(string namespaceName, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM immutability_rules WHERE namespace = @Namespace AND id = @Id", new { Namespace = namespaceName, Id = id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RetentionRule>> ListRetentionRulesAsync(string namespaceName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RetentionRow>(new CommandDefinition(
            """
            SELECT id AS Id, namespace AS Namespace, repository_pattern AS RepositoryPattern, tag_pattern AS TagPattern, keep AS Keep,
                   count AS Count, days AS Days, created_at AS CreatedAt
            FROM retention_rules WHERE namespace = @Namespace ORDER BY created_at, id
            """,
            new { Namespace = namespaceName }, cancellationToken: cancellationToken));
        return rows.Select(r => new RetentionRule(r.Id, r.Namespace, r.RepositoryPattern, r.TagPattern, r.Keep, (int?)r.Count, (int?)r.Days, Time(r.CreatedAt))).ToList();
    }

    /// <inheritdoc/>
    public async Task AddRetentionRuleAsync(RetentionRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO retention_rules (id, namespace, repository_pattern, tag_pattern, keep, count, days, created_at)
            VALUES (@Id, @Namespace, @RepositoryPattern, @TagPattern, @Keep, @Count, @Days, @CreatedAt)
            """,
            new { rule.Id, rule.Namespace, rule.RepositoryPattern, rule.TagPattern, rule.Keep, rule.Count, rule.Days, CreatedAt = Text(rule.CreatedAt) },
            cancellationToken: cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteRetentionRuleAsync(string namespaceName, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM retention_rules WHERE namespace = @Namespace AND id = @Id", new { Namespace = namespaceName, Id = id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListNamespacesWithRetentionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT namespace FROM retention_rules ORDER BY namespace", cancellationToken: cancellationToken))).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TaggedManifest>> ListTagsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Repository, string Tag, string Digest, string PushedAt, string? LastPulledAt)>(new CommandDefinition(
            """
            SELECT r.name, t.name, t.manifest_digest, t.updated_at, p.last_pulled_at
            FROM tags t JOIN repositories r ON r.id = t.repository_id
            LEFT JOIN pull_stats p ON p.repository_id = t.repository_id AND p.digest = t.manifest_digest
            WHERE r.namespace = @Namespace ORDER BY r.name, t.name
            """,
            new { Namespace = namespaceName }, cancellationToken: cancellationToken));
        return rows.Select(r => new TaggedManifest(r.Repository, r.Tag, r.Digest, Time(r.PushedAt), r.LastPulledAt is null ? null : Time(r.LastPulledAt))).ToList();
    }

    /// <inheritdoc/>
    public async Task AddPullsAsync(IReadOnlyCollection<PullStatistic> pulls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulls);
        if (pulls.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pull_stats (repository_id, digest, pull_count, last_pulled_at)
            SELECT m.repository_id, m.digest, @Count, @LastPulledAt
            FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.name = @Repository AND m.digest = @Digest
            ON CONFLICT (repository_id, digest) DO UPDATE SET
                pull_count = pull_count + excluded.pull_count,
                last_pulled_at = MAX(last_pulled_at, excluded.last_pulled_at)
            """,
            pulls.Select(p => new { p.Repository, p.Digest, p.Count, LastPulledAt = Text(p.LastPulledAt) }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PullStatistic>> ListPullsAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Digest, long Count, string LastPulledAt)>(new CommandDefinition(
            "SELECT p.digest, p.pull_count, p.last_pulled_at FROM pull_stats p JOIN repositories r ON r.id = p.repository_id WHERE r.name = @Repository",
            new { Repository = repository }, cancellationToken: cancellationToken));
        return rows.Select(r => new PullStatistic(repository, r.Digest, r.Count, Time(r.LastPulledAt))).ToList();
    }

    private static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private sealed record RetentionRow(string Id, string Namespace, string RepositoryPattern, string TagPattern, string Keep, long? Count, long? Days, string CreatedAt);
}
