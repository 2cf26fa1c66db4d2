using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Drydock.Scanning.Indexing;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Registries;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Drydock.Server.Tests.Updates;

/// <summary>
/// A stored inventory made with another detector set is indexed again at start-up instead of matched again: the
/// recorded set of one of two scanned images is changed in drydock.db between two runs of the server.
/// </summary>
public sealed class ReindexOnDetectorChangeTests
{
    [ToolFact(Skopeo.Program)]
    public async Task Start_RecordedDetectorSetDiffers_ThatImageIndexedAgainOthersNot()
    {
        var settings = new Dictionary<string, string?> { ["Scanning:LeaseDuration"] = "00:00:03", ["Scanning:PollInterval"] = "00:00:00.200" };
        var first = await RunningServer.StartAsync(settings: settings);
        await ScanApi.PatchNamespaceAsync(first.Client, "idx", """{"autoScan": true}""");
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{first.Address.Authority}/idx/old:1", CancellationToken.None);
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{first.Address.Authority}/idx/legacy:1", CancellationToken.None);
        var old = (await ScanApi.WaitForArtifactAsync(first.Client, "idx/old", "1")).GetProperty("digest").GetString();
        var legacy = (await ScanApi.WaitForArtifactAsync(first.Client, "idx/legacy", "1")).GetProperty("digest").GetString();
        var detectors = first.App.Services.GetRequiredService<ImageIndexer>().Detectors;
        var current = string.Join('\n', detectors.Prepend($"engine@{ImageIndexer.EngineVersion}"));
        await first.StopAsync();

        // idx/old as if an older drydock with an older dpkg detector had made it; idx/legacy as stored before the
        // set was recorded (its inventory JSON still names the detectors that made it, which are this build's).
        var database = first.Data.Combine(DrydockServer.DatabaseFileName);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            Assert.Equal(current, await connection.ExecuteScalarAsync<string>("SELECT detector_set FROM scan_results WHERE repository = 'idx/old'"));
            await connection.ExecuteAsync("UPDATE scan_results SET detector_set = 'engine@1\ndpkg-status@0' WHERE repository = 'idx/old'");
            await connection.ExecuteAsync("UPDATE scan_results SET detector_set = NULL WHERE repository = 'idx/legacy'");
        }

        await using var second = await RunningServer.StartAsync(data: first.Data, settings: settings);
        var check = second.App.Services.GetServices<IHostedService>().OfType<Drydock.Server.Updates.ReindexOnDetectorChange>().Single();
        await check.Checked;

        var jobs = await WaitForJobsAsync(database, "idx/old", 2);
        Assert.Equal(old, jobs[^1].ManifestDigest);
        Assert.Equal("NoDatabase", (await ScanApi.WaitForScanAsync(second.Client, jobs[^1].Id)).GetProperty("status").GetString());
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM scan_jobs WHERE repository = 'idx/legacy'"));
            Assert.Equal(current, await connection.ExecuteScalarAsync<string>("SELECT detector_set FROM scan_results WHERE repository = 'idx/legacy'"));
            Assert.Equal(current, await connection.ExecuteScalarAsync<string>("SELECT detector_set FROM scan_results WHERE repository = 'idx/old'"));
        }

        var artifacts = await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/artifacts?repository=idx/legacy");
        Assert.Equal(legacy, artifacts[0].GetProperty("digest").GetString());
    }

    private static async Task<IReadOnlyList<(string Id, string ManifestDigest)>> WaitForJobsAsync(string database, string repository, int count)
    {
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while (true)
        {
            await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            var jobs = (await connection.QueryAsync<(string, string)>(
                "SELECT id, manifest_digest FROM scan_jobs WHERE repository = @repository ORDER BY created_at", new { repository })).ToList();
            if (jobs.Count >= count)
            {
                return jobs;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{repository} has {jobs.Count} scan jobs, not {count}");
            await Task.Delay(100);
        }
    }
}
