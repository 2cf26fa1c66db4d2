using Dapper;
using Drydock.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Drydock.Server.Health;

/// <summary>Ready when <c>drydock.db</c> answers a query and carries every migration this build knows.</summary>
internal sealed class RegistryDatabaseHealthCheck(SqliteDatabase database) : IHealthCheck
{
    private static readonly int LatestMigration = SqliteMigrator.Load(SqliteMigrationSet.Registry)[^1].Version;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            var applied = SqliteMigrator.CurrentVersion(connection, SqliteMigrationSet.Registry);
            var data = new Dictionary<string, object> { ["schemaVersion"] = applied, ["latestMigration"] = LatestMigration };
            return applied == LatestMigration
                ? HealthCheckResult.Healthy("The database answers and its schema is current.", data)
                : HealthCheckResult.Unhealthy($"The database is at schema version {applied}; this build needs {LatestMigration}.", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
