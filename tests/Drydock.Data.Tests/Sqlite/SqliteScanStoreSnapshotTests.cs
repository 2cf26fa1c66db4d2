using Dapper;
using Drydock.Data.Scans;
using Drydock.Data.Sqlite;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

/// <summary>
/// The artifact listing reads jobs and results as of one moment: while scans complete, a listed artifact whose job is
/// Success always has its result. (Read in separate statements, the results query could run before a completion's
/// commit and the jobs query after it.)
/// </summary>
public sealed class SqliteScanStoreSnapshotTests : IAsyncLifetime
{
    private const string Repository = "team/app";
    private const int Manifests = 300;
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("drydock-scan-snapshot");
    private SqliteScanStore _store = null!;

    public async Task InitializeAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO namespaces (name, created_at) VALUES ('team', '2026-01-01T00:00:00Z')");
            await connection.ExecuteAsync("INSERT INTO repositories (id, name, namespace, created_at) VALUES (1, @Repository, 'team', '2026-01-01T00:00:00Z')", new { Repository });
            for (var i = 0; i < Manifests; i++)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO manifests (repository_id, digest, media_type, content, size, created_at) VALUES (1, @digest, 'application/vnd.oci.image.manifest.v1+json', x'00', 1, '2026-01-01T00:00:00Z')",
                    new { digest = Digest(i) });
            }
        }

        _store = new SqliteScanStore(database);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ListArtifactsAsync_WhileScansComplete_SuccessJobAlwaysHasItsResult()
    {
        for (var i = 0; i < Manifests; i++)
        {
            await _store.EnqueueAsync(Repository, Digest(i), "ref", Now, CancellationToken.None);
        }

        var completing = Task.Run(async () =>
        {
            while (await _store.ClaimAsync("worker", Now, Now.AddMinutes(1), 3, CancellationToken.None) is { } job)
            {
                await _store.CompleteAsync(
                    job.Id, "worker", new ScanResultRecord(Repository, job.ManifestDigest, ScanStatus.Success, null, "{}", "[]", Now), CancellationToken.None);
            }
        });
        var inconsistent = 0;
        var listings = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!completing.IsCompleted || listings == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the jobs were not completed after {listings} listings");
            var artifacts = await _store.ListArtifactsAsync(Repository, CancellationToken.None);
            inconsistent += artifacts.Count(a => a.LatestJob?.Status == ScanStatus.Success && a.Result is null);
            listings++;
        }

        await completing;
        Assert.Equal(0, inconsistent);
        Assert.All(await _store.ListArtifactsAsync(Repository, CancellationToken.None), a => Assert.NotNull(a.Result));
    }

    private static string Digest(int i) => $"sha256:{i:x64}";
}
