using System.Net;
using System.Text.Json;
using Dapper;
using Drydock.Data.Sqlite;

namespace Drydock.Server.Tests.Health;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Live_RunningServer_Answers200WithoutChecks()
    {
        await using var server = await RunningServer.StartAsync();
        using var response = await server.Client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Empty(body.RootElement.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Ready_FreshServer_ReportsEachCheckHealthy()
    {
        await using var server = await RunningServer.StartAsync();
        using var response = await server.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var body = JsonDocument.Parse(text);
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal(["blob-store", "database", "vulnerability-database"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
        var latest = SqliteMigrator.Load(SqliteMigrationSet.Registry)[^1].Version;
        Assert.Equal(latest, checks.GetProperty("database").GetProperty("data").GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task Ready_MigrationMissing_Answers503NamingTheSchemaVersion()
    {
        await using var server = await RunningServer.StartAsync();
        var database = new SqliteDatabase(Path.Combine(server.Data.Path, DrydockServer.DatabaseFileName));
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE migration_set = 'Registry' AND version = (SELECT MAX(version) FROM schema_migrations WHERE migration_set = 'Registry')");
        }

        using var response = await server.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var database503 = body.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Unhealthy", database503.GetProperty("status").GetString());
        Assert.Contains("schema version", database503.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_BlobDirectoryNotWritable_Answers503()
    {
        await using var server = await RunningServer.StartAsync();

        // A file where the blob directory was: nothing can be written below it, whoever the test runs as (root
        // ignores a directory's permission bits).
        var blobs = Path.Combine(server.Data.Path, "blobs");
        var moved = blobs + ".moved";
        Directory.Move(blobs, moved);
        await File.WriteAllTextAsync(blobs, "not a directory");
        try
        {
            using var response = await server.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var checks = body.RootElement.GetProperty("checks");
            Assert.Equal("Unhealthy", checks.GetProperty("blob-store").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        }
        finally
        {
            File.Delete(blobs);
            Directory.Move(moved, blobs);
        }
    }
}
