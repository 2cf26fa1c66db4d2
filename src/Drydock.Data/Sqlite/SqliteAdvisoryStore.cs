using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Advisories;
using Microsoft.Data.Sqlite;

namespace Drydock.Data.Sqlite;

/// <summary>
/// The advisory database in its own SQLite file (vulndb.sqlite, ADR 0001). A source update deletes and
/// re-inserts that source's rows with prepared statements in one transaction: it commits whole or not
/// at all. WAL mode lets scans read while an update writes.
/// </summary>
public sealed class SqliteAdvisoryStore : IAdvisoryStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>Opens (creating and migrating when needed) the database at <paramref name="path"/>.</summary>
    public SqliteAdvisoryStore(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL;";
            pragma.ExecuteNonQuery();
        }

        SqliteMigrator.Apply(connection, SqliteMigrationSet.Advisories, time);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public async Task<Fingerprint?> GetFingerprintAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT fingerprint FROM source_state WHERE name = $name AND last_success IS NOT NULL;";
        command.Parameters.AddWithValue("$name", source);
        return await command.ExecuteScalarAsync(cancellationToken) is string value ? new Fingerprint(value) : null;
    }

    /// <inheritdoc/>
    public async Task<int> ReplaceSourceAsync(string source, IAsyncEnumerable<Advisory> advisories, Fingerprint fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "affected_range", "affected_package", "advisory", "source_coverage" })
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {table} WHERE source = $source;";
            delete.Parameters.AddWithValue("$source", source);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        using var insertAdvisory = Prepare(connection, transaction, """
            INSERT INTO advisory (source, id, aliases, summary, description, severity, cvss, refs, cwes, published, modified, withdrawn, kev, epss_score, epss_percentile, epss_date)
            VALUES ($source, $id, $aliases, $summary, $description, $severity, $cvss, $refs, $cwes, $published, $modified, $withdrawn, $kev, $epss_score, $epss_percentile, $epss_date)
            RETURNING key;
            """);
        using var insertPackage = Prepare(connection, transaction, """
            INSERT INTO affected_package (advisory, source, ecosystem, distribution, name, module, status, severity, note, versions)
            VALUES ($advisory, $source, $ecosystem, $distribution, $name, $module, $status, $severity, $note, $versions)
            RETURNING key;
            """);
        using var insertRange = Prepare(connection, transaction, """
            INSERT INTO affected_range (package, source, introduced, fixed, last_affected, limit_version, type, expression)
            VALUES ($package, $source, $introduced, $fixed, $last_affected, $limit_version, $type, $expression);
            """);

        var count = 0;
        var coverage = new HashSet<(string Ecosystem, string? Distribution)>();
        await foreach (var advisory in advisories.WithCancellation(cancellationToken))
        {
            if (advisory.Source != source)
            {
                throw new InvalidOperationException($"Source {source} produced a record of source {advisory.Source} ({advisory.Id}).");
            }

            Set(insertAdvisory, "$source", source);
            Set(insertAdvisory, "$id", advisory.Id);
            Set(insertAdvisory, "$aliases", Json(advisory.Aliases));
            Set(insertAdvisory, "$summary", advisory.Summary);
            Set(insertAdvisory, "$description", advisory.Description);
            Set(insertAdvisory, "$severity", (int)advisory.Severity);
            Set(insertAdvisory, "$cvss", CvssJson(advisory.Cvss));
            Set(insertAdvisory, "$refs", Json(advisory.References));
            Set(insertAdvisory, "$cwes", Json(advisory.Cwes));
            Set(insertAdvisory, "$published", advisory.Published?.ToString("O", CultureInfo.InvariantCulture));
            Set(insertAdvisory, "$modified", advisory.Modified?.ToString("O", CultureInfo.InvariantCulture));
            Set(insertAdvisory, "$withdrawn", advisory.Withdrawn?.ToString("O", CultureInfo.InvariantCulture));
            Set(insertAdvisory, "$kev", advisory.KnownExploited is null ? null : JsonSerializer.Serialize(advisory.KnownExploited));
            // A prediction whose numbers are not finite is no prediction: SQLite would keep NaN as NULL.
            var epss = advisory.Epss is { } e && double.IsFinite(e.Score) && double.IsFinite(e.Percentile) ? e : null;
            Set(insertAdvisory, "$epss_score", epss?.Score);
            Set(insertAdvisory, "$epss_percentile", epss?.Percentile);
            Set(insertAdvisory, "$epss_date", epss?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var advisoryKey = (long)insertAdvisory.ExecuteScalar()!;

            foreach (var package in advisory.Affected)
            {
                Set(insertPackage, "$advisory", advisoryKey);
                Set(insertPackage, "$source", source);
                Set(insertPackage, "$ecosystem", package.Ecosystem);
                Set(insertPackage, "$distribution", package.Distribution);
                Set(insertPackage, "$name", package.Name);
                Set(insertPackage, "$module", package.Module);
                Set(insertPackage, "$status", (int)package.Status);
                Set(insertPackage, "$severity", package.Severity is { } s ? (int)s : null);
                Set(insertPackage, "$note", package.Note);
                Set(insertPackage, "$versions", Json(package.Versions));
                coverage.Add((package.Ecosystem, package.Distribution));
                var packageKey = (long)insertPackage.ExecuteScalar()!;
                foreach (var range in package.Ranges)
                {
                    Set(insertRange, "$package", packageKey);
                    Set(insertRange, "$source", source);
                    Set(insertRange, "$introduced", range.Introduced);
                    Set(insertRange, "$fixed", range.Fixed);
                    Set(insertRange, "$last_affected", range.LastAffected);
                    Set(insertRange, "$limit_version", range.Limit);
                    Set(insertRange, "$type", range.Type);
                    Set(insertRange, "$expression", range.Expression);
                    insertRange.ExecuteNonQuery();
                }
            }

            count++;
        }

        using (var insertCoverage = Prepare(connection, transaction, "INSERT INTO source_coverage (source, ecosystem, distribution) VALUES ($source, $ecosystem, $distribution);"))
        {
            foreach (var (ecosystem, distribution) in coverage)
            {
                Set(insertCoverage, "$source", source);
                Set(insertCoverage, "$ecosystem", ecosystem);
                Set(insertCoverage, "$distribution", distribution);
                insertCoverage.ExecuteNonQuery();
            }
        }

        var now = Now();
        await ExecuteAsync(connection, transaction, """
            INSERT INTO source_state (name, fingerprint, last_attempt, last_success, record_count, error)
            VALUES ($name, $fingerprint, $now, $now, $count, NULL)
            ON CONFLICT (name) DO UPDATE SET fingerprint = $fingerprint, last_attempt = $now, last_success = $now, record_count = $count, error = NULL;
            INSERT INTO database_info (key, value) VALUES ('revision', '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);
            INSERT INTO database_info (key, value) VALUES ('updated_at', $now)
            ON CONFLICT (key) DO UPDATE SET value = $now;
            """, cancellationToken, ("$name", source), ("$fingerprint", fingerprint.Value), ("$now", now), ("$count", count));
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <inheritdoc/>
    public async Task RecordAttemptAsync(string source, string? failure, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var now = Now();
        await ExecuteAsync(connection, null, failure is null
            ? """
              INSERT INTO source_state (name, last_attempt, last_success) VALUES ($name, $now, $now)
              ON CONFLICT (name) DO UPDATE SET last_attempt = $now, last_success = $now, error = NULL;
              """
            : """
              INSERT INTO source_state (name, last_attempt, error) VALUES ($name, $now, $error)
              ON CONFLICT (name) DO UPDATE SET last_attempt = $now, error = $error;
              """, cancellationToken, ("$name", source), ("$now", now), ("$error", failure));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SourceStatus>> GetSourceStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, last_success, last_attempt, record_count, error FROM source_state ORDER BY name;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<SourceStatus>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new SourceStatus(
                reader.GetString(0),
                Date(reader.IsDBNull(1) ? null : reader.GetString(1)),
                Date(reader.IsDBNull(2) ? null : reader.GetString(2)),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<DatabaseVersion?> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT value FROM database_info WHERE key = 'revision'), (SELECT value FROM database_info WHERE key = 'updated_at');";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return null;
        }

        return new DatabaseVersion(
            long.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
            Date(reader.GetString(1)) ?? DateTimeOffset.MinValue,
            SqliteMigrator.CurrentVersion(connection, SqliteMigrationSet.Advisories));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyCollection<(string Ecosystem, string? Distribution)>> ReadCoverageAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT ecosystem, distribution FROM source_coverage;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var coverage = new List<(string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            coverage.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return coverage;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredAffected> ReadAffectedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = Open();
        using var reader = new AffectedStatementReader(connection, restrictToNames: false);
        while (reader.Next() is { } statement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return statement;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredAffected> ReadAffectedAsync(IReadOnlyCollection<string> names, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        await using var connection = Open();

        // The names go into a temporary table of this connection, so the query stays one prepared statement
        // whatever their number, and SQLite looks each one up in the affected_package_name index. A pooled
        // connection keeps its temporary tables: an earlier read's names are cleared first.
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TEMP TABLE IF NOT EXISTS wanted_name (name TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.wanted_name;";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var transaction = connection.BeginTransaction())
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO wanted_name (name) VALUES ($name);";
            var parameter = insert.Parameters.Add("$name", SqliteType.Text);
            foreach (var name in names)
            {
                parameter.Value = name;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        using var reader = new AffectedStatementReader(connection, restrictToNames: true);
        while (reader.Next() is { } statement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return statement;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<long, Advisory>> GetAdvisoriesAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<long, Advisory>();
        if (keys.Count == 0)
        {
            return result;
        }

        await using var connection = Open();
        foreach (var chunk in keys.Distinct().Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"{SelectAdvisory} WHERE key IN ({string.Join(',', chunk)});";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result[reader.GetInt64(0)] = ReadAdvisory(reader);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Advisory>> GetByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new List<Advisory>();
        await using var connection = Open();
        await ReadByIdsAsync(connection, SelectAdvisory, ids, reader => result.Add(ReadAdvisory(reader)), cancellationToken);
        return result;
    }

    // Runs "<select> WHERE id IN (…)" over the ids in chunks of 500 parameters, handing each row to the callback.
    private static async Task ReadByIdsAsync(
        SqliteConnection connection, string select, IEnumerable<string> ids, Action<SqliteDataReader> row, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((_, i) => $"$p{i}").ToList();
            command.CommandText = $"{select} WHERE id IN ({string.Join(',', names)});";
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.AddWithValue(names[i], chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Advisory>> FindVulnerabilityAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await using var connection = Open();

        // Aliases are a JSON array per record with no index of their own: the alias search reads the table once, which
        // is acceptable for a details page but not for matching (matching never asks by alias).
        var direct = new List<(long Key, string Id, List<string> Aliases)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key, id, aliases FROM advisory WHERE id = $id OR instr(aliases, $quoted) > 0;";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$quoted", JsonSerializer.Serialize(id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                direct.Add((reader.GetInt64(0), reader.GetString(1), List(reader, 2)));
            }
        }

        if (direct.Count == 0)
        {
            return [];
        }

        var related = direct.SelectMany(d => d.Aliases.Prepend(d.Id)).Distinct(StringComparer.Ordinal).ToList();
        var keys = direct.Select(d => d.Key).ToHashSet();
        await ReadByIdsAsync(connection, "SELECT key FROM advisory", related, reader => keys.Add(reader.GetInt64(0)), cancellationToken);

        var records = await GetAdvisoriesAsync(keys, cancellationToken);
        var affected = keys.ToDictionary(k => k, _ => new List<AffectedPackage>());
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT p.advisory, p.key, p.ecosystem, p.distribution, p.name, p.module, p.status, p.severity, p.note, p.versions,
                       r.introduced, r.fixed, r.last_affected, r.limit_version, r.type, r.expression
                FROM affected_package p LEFT JOIN affected_range r ON r.package = p.key
                WHERE p.advisory IN ({string.Join(',', keys)})
                ORDER BY p.advisory, p.key;
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long currentPackage = -1;
            List<AffectedRange> ranges = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetInt64(1) != currentPackage)
                {
                    currentPackage = reader.GetInt64(1);
                    ranges = [];
                    affected[reader.GetInt64(0)].Add(new AffectedPackage
                    {
                        Ecosystem = reader.GetString(2),
                        Distribution = reader.IsDBNull(3) ? null : reader.GetString(3),
                        Name = reader.GetString(4),
                        Module = reader.IsDBNull(5) ? null : reader.GetString(5),
                        Status = (AffectedStatus)reader.GetInt32(6),
                        Severity = reader.IsDBNull(7) ? null : (Severity)reader.GetInt32(7),
                        Note = reader.IsDBNull(8) ? null : reader.GetString(8),
                        Versions = List(reader, 9),
                        Ranges = ranges,
                    });
                }

                if (!reader.IsDBNull(14))
                {
                    ranges.Add(new AffectedRange
                    {
                        Introduced = reader.IsDBNull(10) ? null : reader.GetString(10),
                        Fixed = reader.IsDBNull(11) ? null : reader.GetString(11),
                        LastAffected = reader.IsDBNull(12) ? null : reader.GetString(12),
                        Limit = reader.IsDBNull(13) ? null : reader.GetString(13),
                        Type = reader.GetString(14),
                        Expression = reader.IsDBNull(15) ? null : reader.GetString(15),
                    });
                }
            }
        }

        return [.. records.OrderBy(r => r.Key).Select(r => r.Value with { Affected = affected[r.Key] })];
    }

    /// <inheritdoc/>
    public async Task BackupToAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path;";
        command.Parameters.AddWithValue("$path", System.IO.Path.GetFullPath(path));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the whole database with the one at <paramref name="path"/> through SQLite's backup API, in one write
    /// transaction: connections open on this file (the server's matcher, a report being read) see the old database
    /// or the new one, never a file renamed away under them. The source is migrated to this schema first.
    /// </summary>
    public async Task RestoreFromAsync(string path, CancellationToken cancellationToken)
    {
        var staged = new SqliteAdvisoryStore(path, _time);
        await Task.Run(
            () =>
            {
                using var source = staged.Open();
                using var destination = Open();
                source.BackupDatabase(destination);
            },
            cancellationToken);

        // The staged file is deleted next: no pooled connection may keep it open.
        using var pooled = new SqliteConnection(staged._connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private const string SelectAdvisory =
        "SELECT key, source, id, aliases, summary, description, severity, cvss, refs, cwes, published, modified, withdrawn, kev, epss_score, epss_percentile, epss_date FROM advisory";

    private static Advisory ReadAdvisory(SqliteDataReader reader) => new()
    {
        Source = reader.GetString(1),
        Id = reader.GetString(2),
        Aliases = List(reader, 3),
        Summary = reader.IsDBNull(4) ? null : reader.GetString(4),
        Description = reader.IsDBNull(5) ? null : reader.GetString(5),
        Severity = (Severity)reader.GetInt32(6),
        Cvss = reader.IsDBNull(7) ? [] : ReadCvss(reader.GetString(7)),
        References = List(reader, 8),
        Cwes = List(reader, 9),
        Published = Date(reader.IsDBNull(10) ? null : reader.GetString(10)),
        Modified = Date(reader.IsDBNull(11) ? null : reader.GetString(11)),
        Withdrawn = Date(reader.IsDBNull(12) ? null : reader.GetString(12)),
        KnownExploited = reader.IsDBNull(13) ? null : JsonSerializer.Deserialize<KnownExploitation>(reader.GetString(13)),
        Epss = reader.IsDBNull(14)
            ? null
            : new ExploitPrediction(reader.GetDouble(14), reader.GetDouble(15), reader.IsDBNull(16) ? null : DateOnly.Parse(reader.GetString(16), CultureInfo.InvariantCulture)),
    };

    // A score that could not be computed (NaN) is stored as null: JSON has no NaN or infinity, and the serializer
    // throws on them, which would fail the whole source's update.
    private static string? CvssJson(IReadOnlyList<CvssScore> scores) => scores.Count == 0
        ? null
        : JsonSerializer.Serialize(scores.Select(c => new StoredCvss(c.Version, c.Vector, double.IsFinite(c.BaseScore) ? c.BaseScore : null, c.Source)));

    private static List<CvssScore> ReadCvss(string json) =>
        [.. (JsonSerializer.Deserialize<List<StoredCvss>>(json) ?? []).Select(c => new CvssScore(c.Version, c.Vector, c.BaseScore ?? double.NaN, c.Source))];

    private static List<string> List(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<List<string>>(reader.GetString(ordinal)) ?? [];

    private static string? Json(IReadOnlyList<string> list) => list.Count == 0 ? null : JsonSerializer.Serialize(list);

    private static DateTimeOffset? Date(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The stored form of a CvssScore: the same property names, the score null when there is none.
    private sealed record StoredCvss(string Version, string Vector, double? BaseScore, string Source);
}
