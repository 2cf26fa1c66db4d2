namespace Drydock.Data.Sqlite;

/// <summary>
/// A numbered set of SQL migrations embedded under <c>Sqlite/Migrations/&lt;Name&gt;/NNNN_description.sql</c>.
/// Each database file has its own set (ADR 0001): <see cref="Registry"/> for <c>drydock.db</c> and
/// <see cref="Advisories"/> for <c>vulndb.sqlite</c>.
/// </summary>
public sealed record SqliteMigrationSet(string Name)
{
    /// <summary>The registry metadata migrations (<c>Sqlite/Migrations/Registry</c>).</summary>
    public static SqliteMigrationSet Registry { get; } = new("Registry");

    /// <summary>The vulnerability database migrations (<c>Sqlite/Migrations/Advisories</c>).</summary>
    public static SqliteMigrationSet Advisories { get; } = new("Advisories");

    /// <summary>The prefix of the embedded resource names of this set.</summary>
    public string ResourcePrefix => $"Drydock.Data.Sqlite.Migrations.{Name}.";
}
