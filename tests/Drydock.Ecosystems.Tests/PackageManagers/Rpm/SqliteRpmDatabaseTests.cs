using Microsoft.Data.Sqlite;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

[Collection(RpmTestDatabases.Collection)]
public sealed class SqliteRpmDatabaseTests(RpmTestDatabases databases)
{
    private const string ImagePath = "var/lib/rpm/rpmdb.sqlite";

    [Fact]
    public void ReadBlobs_Truncated_WarnsAndNeverThrows() =>
        MalformedDatabases.Truncations(databases.NewDirectory("sqlite-cut"), Database(), ImagePath, expectedPackages: 5);

    [Fact]
    public void ReadBlobs_RandomDamage_NeverThrows() =>
        MalformedDatabases.RandomDamage(databases.NewDirectory("sqlite-random"), Database(), ImagePath, seed: 7, rounds: 200);

    [Theory]
    [InlineData("x''", "shorter than its 8-byte preamble")]
    [InlineData("x'0000ffff0fffffff'", "truncated")]
    [InlineData("randomblob(5000)", "header 1 was skipped")]
    [InlineData("NULL", "has no header blob")]
    public void ReadBlobs_OneBadBlob_SkipsThatPackageWithAWarning(string replacement, string reason)
    {
        var directory = databases.NewDirectory("sqlite-blob");
        var path = Path.Combine(directory, "rpmdb.sqlite");
        File.WriteAllBytes(path, Database());
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // rpm declares the column NOT NULL; a damaged copy need not keep that promise.
            command.CommandText = replacement == "NULL"
                ? "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'BLOB NOT NULL', 'BLOB') WHERE name = 'Packages';"
                : string.Empty;
            if (command.CommandText.Length > 0)
            {
                command.ExecuteNonQuery();
            }
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE Packages SET blob = {replacement} WHERE hnum = (SELECT min(hnum) FROM Packages)";
            command.ExecuteNonQuery();
        }

        var (packages, context) = MalformedDatabases.Read(directory, File.ReadAllBytes(path), ImagePath);

        Assert.Equal(4, packages.Count);
        Assert.Contains(reason, Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    private byte[] Database() => File.ReadAllBytes(Path.Combine(databases.SqliteDirectory, "rpmdb.sqlite"));
}
