using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Drydock.Data.Sqlite;

/// <summary>
/// One SQLite database file: opens pooled connections configured for many concurrent writers (WAL, a busy
/// timeout so writers queue instead of failing, foreign keys on) and migrates the file at start-up.
/// </summary>
public sealed class SqliteDatabase
{
    // Writers wait for the write lock this long before SQLite gives up with SQLITE_BUSY.
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;

    // Pooled connections keep their native handle; the per-connection pragmas run once per handle, not per open.
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public SqliteDatabase(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Creates the file when needed, turns on WAL and applies the set's migrations.</summary>
    public async Task InitializeAsync(SqliteMigrationSet migrations, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenAsync(cancellationToken);

        // WAL lets readers run while one writer commits; the mode is stored in the file.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL", cancellationToken: cancellationToken));
        await SqliteMigrator.ApplyAsync(connection, migrations, timeProvider, cancellationToken);
    }

    /// <summary>An open connection from the pool.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        var handle = connection.Handle;
        if (handle is not null && _configured.TryGetValue(handle, out _))
        {
            return connection;
        }

        // synchronous=NORMAL in WAL mode: a commit survives a process crash (kill -9); only power loss can drop
        // the last commits, never corrupt the file.
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (handle is not null)
        {
            _configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }
}
