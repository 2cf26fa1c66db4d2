using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Drydock.Oci;
using Drydock.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Drydock.Data.Sqlite;

/// <summary>
/// <see cref="IRegistryStore"/> on SQLite (<c>drydock.db</c>). Writes are short IMMEDIATE transactions of
/// idempotent statements (INSERT … ON CONFLICT), so concurrent pushes of the same content queue on the write
/// lock and all succeed.
/// </summary>
public sealed class SqliteRegistryStore(SqliteDatabase database) : IRegistryStore
{
    private const string RepositoryId = "(SELECT id FROM repositories WHERE name = @Repository)";

    /// <inheritdoc/>
    public async Task<NamespaceRecord?> GetNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<NamespaceRow>(new CommandDefinition(
            NamespaceSelect + " WHERE n.name = @Name", new { Name = name }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<NamespaceRecord>> ListNamespacesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NamespaceRow>(new CommandDefinition(NamespaceSelect + " ORDER BY n.name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <inheritdoc/>
    public async Task<bool> CreateNamespaceAsync(string name, string settingsJson, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO namespaces (name, created_at, settings) VALUES (@Name, @CreatedAt, @Settings) ON CONFLICT (name) DO NOTHING",
            new { Name = name, CreatedAt = Text(createdAt), Settings = settingsJson }, cancellationToken: cancellationToken));
        return inserted > 0;
    }

    /// <inheritdoc/>
    public async Task<bool> EnsureRepositoryAsync(string repository, string namespaceName, bool createNamespace, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await RepositoryExistsAsync(connection, repository, null, cancellationToken))
        {
            return true;
        }

        await using var transaction = connection.BeginTransaction();
        var namespaceExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM namespaces WHERE name = @Name", new { Name = namespaceName }, transaction, cancellationToken: cancellationToken)) > 0;
        if (!namespaceExists && !createNamespace)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO namespaces (name, created_at) VALUES (@Namespace, @Now) ON CONFLICT (name) DO NOTHING;
            INSERT INTO repositories (name, namespace, created_at) VALUES (@Repository, @Namespace, @Now) ON CONFLICT (name) DO NOTHING;
            """,
            new { Repository = repository, Namespace = namespaceName, Now = Text(now) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public async Task<bool> RepositoryExistsAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RepositoryExistsAsync(connection, repository, null, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListRepositoriesAsync(string? last, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var names = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT r.name FROM repositories r
            WHERE r.name > @Last AND EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = r.id)
            ORDER BY r.name LIMIT @Limit
            """,
            new { Last = last ?? string.Empty, Limit = limit }, cancellationToken: cancellationToken));
        return names.ToList();
    }

    /// <inheritdoc/>
    public async Task LinkBlobAsync(string repository, Digest digest, long size, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO blobs (digest, size, created_at, linked_at) VALUES (@Digest, @Size, @Now, @Now) ON CONFLICT (digest) DO UPDATE SET linked_at = excluded.linked_at;
            INSERT INTO repository_blobs (repository_id, digest) SELECT {RepositoryId}, @Digest ON CONFLICT DO NOTHING;
            """,
            new { Repository = repository, Digest = digest.ToString(), Size = size, Now = Text(now) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<long?> GetLinkedBlobSizeAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            $"""
            SELECT b.size FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
            WHERE rb.repository_id = {RepositoryId} AND rb.digest = @Digest
            """,
            new { Repository = repository, Digest = digest.ToString() }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<long> GetNamespaceStorageBytesAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COALESCE(SUM(b.size), 0) FROM blobs b
            WHERE b.digest IN (SELECT rb.digest FROM repository_blobs rb JOIN repositories r ON r.id = rb.repository_id WHERE r.namespace = @Name)
            """,
            new { Name = name }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<bool> UnlinkBlobAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM repository_blobs WHERE repository_id = {RepositoryId} AND digest = @Digest",
            new { Repository = repository, Digest = digest.ToString() }, cancellationToken: cancellationToken)) > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Digest>> FindMissingAsync(string repository, IReadOnlyCollection<ManifestReferenceRecord> references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindMissingAsync(connection, null, repository, references, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Digest>> PutManifestAsync(ManifestRecord manifest, IReadOnlyList<ManifestReferenceRecord> references, string? tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(references);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();

        // Under the write lock, so garbage collection cannot forget a blob between this check and the insert.
        var missing = await FindMissingAsync(connection, transaction, manifest.Repository, references, cancellationToken);
        if (missing.Count > 0)
        {
            return missing;
        }

        var parameters = new
        {
            manifest.Repository,
            Digest = manifest.Digest.ToString(),
            manifest.MediaType,
            manifest.Content,
            Size = manifest.Content.LongLength,
            manifest.ArtifactType,
            Subject = manifest.Subject?.ToString(),
            Annotations = manifest.AnnotationsJson,
            Now = Text(manifest.CreatedAt),
            Tag = tag,
        };

        // The same digest means the same bytes: a second push of it changes nothing.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO manifests (repository_id, digest, media_type, content, size, artifact_type, subject, annotations, created_at)
            VALUES ({RepositoryId}, @Digest, @MediaType, @Content, @Size, @ArtifactType, @Subject, @Annotations, @Now)
            ON CONFLICT (repository_id, digest) DO NOTHING
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        if (inserted > 0 && references.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO manifest_references (repository_id, manifest_digest, digest, kind)
                VALUES ({RepositoryId}, @ManifestDigest, @Digest, @Kind) ON CONFLICT DO NOTHING
                """,
                references.Select(r => new { manifest.Repository, ManifestDigest = parameters.Digest, Digest = r.Digest.ToString(), Kind = (int)r.Kind }),
                transaction, cancellationToken: cancellationToken));
        }

        if (tag is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES ({RepositoryId}, @Tag, @Digest, @Now)
                ON CONFLICT (repository_id, name) DO UPDATE SET manifest_digest = excluded.manifest_digest, updated_at = excluded.updated_at
                """,
                parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <inheritdoc/>
    public async Task<ManifestRecord?> GetManifestAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ManifestRow>(new CommandDefinition(
            ManifestSelect + $" WHERE m.repository_id = {RepositoryId} AND m.digest = @Digest",
            new { Repository = repository, Digest = digest.ToString() }, cancellationToken: cancellationToken));
        return row?.ToRecord(repository);
    }

    /// <inheritdoc/>
    public async Task<ManifestRecord?> GetManifestByTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ManifestRow>(new CommandDefinition(
            ManifestSelect + $" JOIN tags t ON t.repository_id = m.repository_id AND t.manifest_digest = m.digest WHERE t.repository_id = {RepositoryId} AND t.name = @Tag",
            new { Repository = repository, Tag = tag }, cancellationToken: cancellationToken));
        return row?.ToRecord(repository);
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteManifestAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM manifests WHERE repository_id = {RepositoryId} AND digest = @Digest",
            new { Repository = repository, Digest = digest.ToString() }, cancellationToken: cancellationToken)) > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>?> ListTagsAsync(string repository, string? last, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await RepositoryExistsAsync(connection, repository, null, cancellationToken))
        {
            return null;
        }

        var tags = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT name FROM tags WHERE repository_id = {RepositoryId} AND name > @Last ORDER BY name LIMIT @Limit",
            new { Repository = repository, Last = last ?? string.Empty, Limit = limit }, cancellationToken: cancellationToken));
        return tags.ToList();
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM tags WHERE repository_id = {RepositoryId} AND name = @Tag",
            new { Repository = repository, Tag = tag }, cancellationToken: cancellationToken)) > 0;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(string repository, Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReferrerRow>(new CommandDefinition(
            $"""
            SELECT digest AS Digest, media_type AS MediaType, size AS Size, artifact_type AS ArtifactType, annotations AS Annotations
            FROM manifests WHERE repository_id = {RepositoryId} AND subject = @Subject
              AND (@ArtifactType IS NULL OR artifact_type = @ArtifactType)
            ORDER BY digest
            """,
            new { Repository = repository, Subject = subject.ToString(), ArtifactType = artifactType }, cancellationToken: cancellationToken));
        return rows.Select(r => new ReferrerRecord(Digest.Parse(r.Digest), r.MediaType, r.Size, r.ArtifactType, r.Annotations)).ToList();
    }

    /// <inheritdoc/>
    public async Task CreateUploadAsync(UploadSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO uploads (id, repository, started_at) VALUES (@Id, @Repository, @StartedAt)",
            new { session.Id, session.Repository, StartedAt = Text(session.StartedAt) }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<UploadSession?> GetUploadAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(new CommandDefinition(
            "SELECT id AS Id, repository AS Repository, started_at AS StartedAt FROM uploads WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc/>
    public async Task DeleteUploadAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM uploads WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<UploadSession>> ListUploadsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(new CommandDefinition(
            "SELECT id AS Id, repository AS Repository, started_at AS StartedAt FROM uploads ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Digest> EnumerateReferencedBlobsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT digest FROM manifest_references WHERE kind = 0";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Digest.TryParse(reader.GetString(0), out var digest))
            {
                yield return digest;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<bool> ForgetUnreferencedBlobAsync(Digest digest, DateTimeOffset linkedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var parameters = new { Digest = digest.ToString(), LinkedBefore = Text(linkedBefore) };
        var referenced = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM manifest_references WHERE digest = @Digest AND kind = 0)
                 + (SELECT COUNT(*) FROM blobs WHERE digest = @Digest AND linked_at > @LinkedBefore)
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        if (referenced > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM repository_blobs WHERE digest = @Digest; DELETE FROM blobs WHERE digest = @Digest;",
            parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteRepositoryAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var deleted = await DeleteRepositoryAsync(connection, transaction, repository, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <inheritdoc/>
    public async Task<NamespaceDeletion> DeleteNamespaceAsync(string name, bool force, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM namespaces WHERE name = @Name", new { Name = name }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return NamespaceDeletion.NotFound;
        }

        var repositories = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM repositories WHERE namespace = @Name", new { Name = name }, transaction, cancellationToken: cancellationToken))).ToList();
        if (repositories.Count > 0 && !force)
        {
            return NamespaceDeletion.NotEmpty;
        }

        foreach (var repository in repositories)
        {
            await DeleteRepositoryAsync(connection, transaction, repository, cancellationToken);
        }

        // Allowlist entries, webhooks (with their deliveries) and lifecycle rules go with it (ON DELETE CASCADE).
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM namespaces WHERE name = @Name", new { Name = name }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return NamespaceDeletion.Deleted;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Digest>> DeleteTagAndOrphansAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var parameters = new { Repository = repository, Tag = tag };
        var digest = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"DELETE FROM tags WHERE repository_id = {RepositoryId} AND name = @Tag RETURNING manifest_digest", parameters, transaction, cancellationToken: cancellationToken));
        var removed = new List<Digest>();
        var pending = new Queue<string>(digest is null ? [] : [digest]);
        while (pending.TryDequeue(out var candidate))
        {
            var args = new { Repository = repository, Digest = candidate };
            var reachable = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"""
                SELECT (SELECT COUNT(*) FROM tags WHERE repository_id = {RepositoryId} AND manifest_digest = @Digest)
                     + (SELECT COUNT(*) FROM manifest_references WHERE repository_id = {RepositoryId} AND digest = @Digest AND kind = 1)
                """,
                args, transaction, cancellationToken: cancellationToken));
            if (reachable > 0)
            {
                continue;
            }

            var next = await connection.QueryAsync<string>(new CommandDefinition(
                $"""
                SELECT digest FROM manifest_references WHERE repository_id = {RepositoryId} AND manifest_digest = @Digest AND kind = 1
                UNION SELECT digest FROM manifests WHERE repository_id = {RepositoryId} AND subject = @Digest
                """,
                args, transaction, cancellationToken: cancellationToken));
            if (await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM manifests WHERE repository_id = {RepositoryId} AND digest = @Digest", args, transaction, cancellationToken: cancellationToken)) > 0)
            {
                removed.Add(Digest.Parse(candidate));
                foreach (var child in next)
                {
                    pending.Enqueue(child);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    // Scan jobs and results name the repository rather than point at it, so they are deleted here; everything else
    // hangs off repositories (id) with ON DELETE CASCADE. Blob links go; the blobs themselves are garbage collection's.
    private static async Task<bool> DeleteRepositoryAsync(SqliteConnection connection, SqliteTransaction transaction, string repository, CancellationToken cancellationToken)
    {
        var parameters = new { Repository = repository };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM scan_jobs WHERE repository = @Repository;
            DELETE FROM scan_results WHERE repository = @Repository;
            """,
            parameters, transaction, cancellationToken: cancellationToken));
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM repositories WHERE name = @Repository", parameters, transaction, cancellationToken: cancellationToken)) > 0;
    }

    private const string NamespaceSelect =
        """
        SELECT n.name AS Name, n.created_at AS CreatedAt, n.settings AS Settings,
               (SELECT COUNT(*) FROM repositories r WHERE r.namespace = n.name) AS RepositoryCount
        FROM namespaces n
        """;

    private const string ManifestSelect =
        """
        SELECT m.digest AS Digest, m.media_type AS MediaType, m.content AS Content, m.artifact_type AS ArtifactType,
               m.subject AS Subject, m.annotations AS Annotations, m.created_at AS CreatedAt
        FROM manifests m
        """;

    private static async Task<IReadOnlyList<Digest>> FindMissingAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string repository, IEnumerable<ManifestReferenceRecord> references, CancellationToken cancellationToken)
    {
        var missing = new List<Digest>();
        foreach (var reference in references)
        {
            var sql = reference.Kind == ManifestReferenceKind.Blob
                ? $"SELECT COUNT(*) FROM repository_blobs WHERE repository_id = {RepositoryId} AND digest = @Digest"
                : $"SELECT COUNT(*) FROM manifests WHERE repository_id = {RepositoryId} AND digest = @Digest";
            var found = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                sql, new { Repository = repository, Digest = reference.Digest.ToString() }, transaction, cancellationToken: cancellationToken));
            if (found == 0)
            {
                missing.Add(reference.Digest);
            }
        }

        return missing;
    }

    private static async Task<bool> RepositoryExistsAsync(SqliteConnection connection, string repository, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM repositories WHERE name = @Repository", new { Repository = repository }, transaction, cancellationToken: cancellationToken)) > 0;

    private static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    // Properties, not a positional record: Dapper matches a constructor by the column types the reader reports, and
    // for an empty result SQLite cannot report the type of the computed RepositoryCount, so the positional record
    // matched no constructor and listing no namespace failed.
    private sealed class NamespaceRow
    {
        public string Name { get; init; } = "";

        public string CreatedAt { get; init; } = "";

        public string Settings { get; init; } = "{}";

        public long RepositoryCount { get; init; }

        public NamespaceRecord ToRecord() => new(Name, ParseTime(CreatedAt), Settings, (int)RepositoryCount);
    }

    private sealed record ManifestRow(string Digest, string MediaType, byte[] Content, string? ArtifactType, string? Subject, string? Annotations, string CreatedAt)
    {
        public ManifestRecord ToRecord(string repository) => new(
            repository,
            Oci.Digest.Parse(Digest),
            MediaType,
            Content,
            ArtifactType,
            Subject is null ? null : Oci.Digest.Parse(Subject),
            Annotations,
            ParseTime(CreatedAt));
    }

    private sealed record ReferrerRow(string Digest, string MediaType, long Size, string? ArtifactType, string? Annotations);

    private sealed record UploadRow(string Id, string Repository, string StartedAt)
    {
        public UploadSession ToRecord() => new(Id, Repository, ParseTime(StartedAt));
    }
}
