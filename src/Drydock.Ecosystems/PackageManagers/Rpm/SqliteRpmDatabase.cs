using Microsoft.Data.Sqlite;

namespace Drydock.Ecosystems.PackageManagers.Rpm;

/// <summary>
/// Reads the header blobs of rpm's SQLite database, <c>rpmdb.sqlite</c> (rpm 4.16 and later: RHEL 9,
/// Fedora 33+, Amazon Linux 2023, Azure Linux). The headers are the <c>blob</c> column of the
/// <c>Packages(hnum, blob)</c> table; the other tables are indexes rpm can rebuild.
/// </summary>
internal static class SqliteRpmDatabase
{
    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    /// <summary>True when the first bytes are an SQLite database header.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> start) => start.StartsWith(Magic);

    /// <summary>Yields every header blob of the database at <paramref name="path"/>, which must be a
    /// private copy: SQLite may create its shared-memory file beside it. Throws
    /// <see cref="InvalidDataException"/> or <see cref="SqliteException"/> for a damaged database.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> ReadBlobs(string path, Action<string> warn)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            // A pooled connection would keep the copy open after the scan deletes it.
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'Packages'";
            if (Convert.ToInt64(probe.ExecuteScalar()) == 0)
            {
                throw new InvalidDataException("the SQLite database has no Packages table");
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hnum, length(blob), blob FROM Packages ORDER BY hnum";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var number = reader.GetInt64(0);
            if (reader.IsDBNull(2))
            {
                warn($"package {number} has no header blob; it was skipped");
                continue;
            }

            var length = reader.GetInt64(1);
            if (length > RpmDatabaseFile.MaxHeaderBytes)
            {
                warn($"the header of package {number} is {length} bytes, more than the {RpmDatabaseFile.MaxHeaderBytes} read for one header; it was skipped");
                continue;
            }

            yield return reader.GetFieldValue<byte[]>(2);
        }
    }
}
