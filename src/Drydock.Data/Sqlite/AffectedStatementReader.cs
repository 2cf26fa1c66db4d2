using System.Text;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Advisories;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Drydock.Data.Sqlite;

/// <summary>
/// Reads every package statement for the match index straight from SQLite's row buffers. This is the hot
/// read of the advisory database (500,000 range rows at the benchmark's size, <c>MatchingBenchmarks</c>):
/// a data reader turns every text column of every row into a new string, and most of them (ecosystems,
/// distributions, sources, names, versions, range types) repeat. Here a text column is decoded onto the
/// stack and looked up in a pool, so a repeated value costs no allocation; an advisory id is shared by the
/// statements of its record; each statement's ranges go into one array of the exact size.
/// </summary>
internal sealed class AffectedStatementReader : IDisposable
{
    // One row per range (or per statement without ranges), ordered by statement so that a statement's
    // ranges arrive together.
    private const string Query = """
        SELECT p.key, a.key, a.id, a.source, p.ecosystem, p.distribution, p.name, p.module, p.status, p.severity, p.note, p.versions,
               r.introduced, r.fixed, r.last_affected, r.limit_version, r.type, r.expression
        FROM affected_package p
        JOIN advisory a ON a.key = p.advisory
        LEFT JOIN affected_range r ON r.package = p.key
        WHERE a.withdrawn IS NULL
        ORDER BY p.key;
        """;

    // The same rows for the packages named in the connection's temp.wanted_name table only.
    private const string NamedQuery = """
        SELECT p.key, a.key, a.id, a.source, p.ecosystem, p.distribution, p.name, p.module, p.status, p.severity, p.note, p.versions,
               r.introduced, r.fixed, r.last_affected, r.limit_version, r.type, r.expression
        FROM temp.wanted_name w
        JOIN affected_package p ON p.name = w.name
        JOIN advisory a ON a.key = p.advisory
        LEFT JOIN affected_range r ON r.package = p.key
        WHERE a.withdrawn IS NULL
        ORDER BY p.key;
        """;

    // Longer texts (notes, expressions) are decoded on the heap.
    private const int StackChars = 256;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly HashSet<string> _pool = new(4096, StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<AffectedRange> _ranges = new(16);
    private long _advisoryKey = -1;
    private string _advisoryId = string.Empty;
    private bool _hasRow;

    /// <param name="connection">An open connection to the advisory database.</param>
    /// <param name="restrictToNames">Only the packages named in the connection's <c>temp.wanted_name</c> table.</param>
    public AffectedStatementReader(SqliteConnection connection, bool restrictToNames)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var rc = raw.sqlite3_prepare_v2(_database, restrictToNames ? NamedQuery : Query, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _database);
        _hasRow = Step();
    }

    /// <summary>The next statement with its ranges, or null after the last.</summary>
    public StoredAffected? Next()
    {
        if (!_hasRow)
        {
            return null;
        }

        var packageKey = raw.sqlite3_column_int64(_statement, 0);
        var advisoryKey = raw.sqlite3_column_int64(_statement, 1);
        if (advisoryKey != _advisoryKey)
        {
            // A record's statements are stored together, so its id is read once for all of them.
            _advisoryKey = advisoryKey;
            _advisoryId = Text(2, pooled: false)!;
        }

        var source = Text(3)!;
        var package = new AffectedPackage
        {
            Ecosystem = Text(4)!,
            Distribution = Text(5),
            Name = Text(6)!,
            Module = Text(7),
            Status = (AffectedStatus)raw.sqlite3_column_int(_statement, 8),
            Severity = IsNull(9) ? null : (Severity)raw.sqlite3_column_int(_statement, 9),
            Note = Text(10),
            Versions = IsNull(11) ? [] : JsonSerializer.Deserialize<string[]>(raw.sqlite3_column_blob(_statement, 11)) ?? [],
            Ranges = ReadRanges(packageKey),
        };
        return new StoredAffected(advisoryKey, _advisoryId, source, package);
    }

    public void Dispose() => _statement.Dispose();

    // Consumes the rows of one statement (at least the current one).
    private AffectedRange[] ReadRanges(long packageKey)
    {
        _ranges.Clear();
        do
        {
            if (!IsNull(16))
            {
                _ranges.Add(new AffectedRange
                {
                    Introduced = Text(12),
                    Fixed = Text(13),
                    LastAffected = Text(14),
                    Limit = Text(15),
                    Type = Text(16)!,
                    Expression = Text(17),
                });
            }

            _hasRow = Step();
        }
        while (_hasRow && raw.sqlite3_column_int64(_statement, 0) == packageKey);

        return _ranges.Count == 0 ? [] : [.. _ranges];
    }

    private bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }

        return false;
    }

    private bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    private string? Text(int column, bool pooled = true)
    {
        if (IsNull(column))
        {
            return null;
        }

        // For a TEXT value, sqlite3_column_blob gives its UTF-8 bytes as stored, without a copy.
        var utf8 = raw.sqlite3_column_blob(_statement, column);
        var length = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (!pooled || length > StackChars)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> buffer = stackalloc char[StackChars];
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (_lookup.TryGetValue(chars, out var shared))
        {
            return shared;
        }

        shared = new string(chars);
        _pool.Add(shared);
        return shared;
    }
}
