using Microsoft.Data.Sqlite;

namespace Drydock.Data.Sqlite;

/// <summary>
/// Applies the numbered scripts under <c>Sqlite/Migrations/Advisories/</c> (embedded resources, in number
/// order) to vulndb.sqlite, recording the level in <c>PRAGMA user_version</c>. Each script runs in its own
/// transaction. A database newer than this build is refused rather than guessed at.
/// </summary>
internal static class AdvisoryMigrator
{
    private const string ResourceFolder = ".Sqlite.Migrations.Advisories.";

    private static readonly Lazy<IReadOnlyList<(int Number, string Sql)>> Scripts = new(LoadScripts);

    public static int LatestVersion => Scripts.Value.Count == 0 ? 0 : Scripts.Value[^1].Number;

    public static void Migrate(SqliteConnection connection)
    {
        var current = CurrentVersion(connection);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The advisory database is at schema version {current}, newer than this drydock ({LatestVersion}). Use a newer drydock or import a matching bundle.");
        }

        foreach (var (number, sql) in Scripts.Value.Where(s => s.Number > current))
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = sql + $"\nPRAGMA user_version = {number};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<(int Number, string Sql)> LoadScripts()
    {
        var assembly = typeof(AdvisoryMigrator).Assembly;
        var scripts = new List<(int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(ResourceFolder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = name[(name.IndexOf(ResourceFolder, StringComparison.Ordinal) + ResourceFolder.Length)..];
            var digits = new string(file.TrimStart('_').TakeWhile(char.IsAsciiDigit).ToArray());
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            scripts.Add((int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return scripts;
    }
}
