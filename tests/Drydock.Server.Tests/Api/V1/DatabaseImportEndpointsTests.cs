using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Advisories;
using Drydock.Server.Integration;
using Drydock.Server.Tests.Integration;
using Drydock.Server.Tests.Updates;
using Drydock.Testing;
using Drydock.Testing.Registries;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Server.Tests.Api.V1;

/// <summary>
/// <c>POST /api/v1/db/import</c>: an offline bundle made from the real Alpine secdb fixture is swapped in under a running
/// server, which then matches its stored inventories again and tells the webhooks, as an update would.
/// </summary>
public sealed class DatabaseImportEndpointsTests
{
    [ToolFact(Skopeo.Program)]
    public async Task Import_BundleWithANewAdvisory_SwappedInRematchedAndWebhookCalled()
    {
        // The server's own database knows nothing for musl (community.yaml); the bundle's fixes musl's CVE-2019-14697.
        using var mirror = new TempDirectory("drydock-mirror");
        AlpineFeedMirror.Write(mirror.Path, "community.yaml");
        var settings = UpdateApi.Settings(mirror.Path);
        settings["Webhooks:AllowedPrivateNetworks:0"] = "127.0.0.0/8"; // the receiver below listens on loopback
        await using var server = await RunningServer.StartAsync(settings: settings);
        Assert.Equal("Succeeded", (await UpdateApi.RunAsync(server.Client)).GetProperty("status").GetString());
        await using var receiver = await LocalHttpServer.StartAsync();
        await ScanApi.PatchNamespaceAsync(server.Client, "imp", """{"autoScan": true}""");
        (await server.Client.PostAsJsonAsync("/api/v1/namespaces/imp/webhooks", new { url = new Uri(receiver.Address, "/hook"), events = new[] { "vulnerabilities.new" } }))
            .EnsureSuccessStatusCode();
        await UpdateApi.PushOldMuslAsync(server, "imp/alpine");
        var before = (await ScanApi.WaitForArtifactAsync(server.Client, "imp/alpine", "old")).GetProperty("summary");
        Assert.Equal(0, UpdateApi.Total(before));
        using var work = new TempDirectory("drydock-bundle");
        var bundle = await BundleAsync(work, "main.yaml");

        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(bundle));
        using var posted = await server.Client.PostAsync(new Uri("/api/v1/db/import", UriKind.Relative), content);

        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync());
        var run = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("import", run.GetProperty("trigger").GetString());
        var finished = await UpdateApi.WaitAsync(server.Client, u => u.GetProperty("id").GetString() == run.GetProperty("id").GetString());
        Assert.Equal(("Succeeded", true, 1), (finished.GetProperty("status").GetString(), finished.GetProperty("changed").GetBoolean(), finished.GetProperty("rematched").GetInt32()));
        var status = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/db/status");
        Assert.Equal(finished.GetProperty("databaseVersion").GetString(), status.GetProperty("databaseVersion").GetString());
        var after = (await ScanApi.WaitForArtifactAsync(server.Client, "imp/alpine", "old")).GetProperty("summary");
        Assert.Equal(1, UpdateApi.Total(after));
        Assert.Equal(finished.GetProperty("databaseVersion").GetString(), after.GetProperty("databaseVersion").GetString());
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while (receiver.Received.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "no vulnerabilities.new delivery");
            await Task.Delay(50);
        }

        Assert.Equal("vulnerabilities.new", Assert.Single(receiver.Received).Headers["X-Drydock-Event"]);
        Assert.Empty(Directory.GetFiles(server.Data.Path, "import-*"));
    }

    [Fact]
    public async Task Import_NotABundle_BadRequestAndNothingChanged()
    {
        await using var server = await RunningServer.StartAsync();

        using var content = new ByteArrayContent("not a zip"u8.ToArray());
        using var posted = await server.Client.PostAsync(new Uri("/api/v1/db/import", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        var status = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/db/status");
        Assert.Equal(JsonValueKind.Null, status.GetProperty("databaseVersion").ValueKind);
        Assert.Empty(Directory.GetFiles(server.Data.Path, "import-*"));
    }

    [Fact]
    public async Task Serve_Running_HoldsTheDatabaseLockAndGivesItUpWhenStopped()
    {
        using var data = new TempDirectory("drydock-lock");
        var database = data.Combine(ServerMatcher.DatabaseFileName);
        await using (var server = await RunningServer.StartAsync(data: data))
        {
            Assert.Null(DatabaseFileLock.TryAcquire(database, "test", out var heldBy));
            Assert.Contains(DatabaseFileLock.PathOf(database), heldBy, StringComparison.Ordinal);
        }

        using var free = DatabaseFileLock.TryAcquire(database, "test", out _);
        Assert.NotNull(free);
    }

    /// <summary>A bundle of a database updated from the real fixture, as <c>drydock db export</c> writes it.</summary>
    private static async Task<string> BundleAsync(TempDirectory work, string mainFixture)
    {
        var mirror = work.Combine("mirror");
        AlpineFeedMirror.Write(mirror, mainFixture);
        var store = new SqliteAdvisoryStore(work.Combine("vulndb.sqlite"), TimeProvider.System);
        var updater = new AdvisoryUpdater(store, new DirectoryFeedContext(mirror), NullLogger<AdvisoryUpdater>.Instance);
        var results = await updater.UpdateAsync([.. BuiltInEcosystems.AdvisorySources().Where(s => s.Name == "alpine-secdb")], CancellationToken.None);
        Assert.Equal(SourceUpdateOutcome.Updated, Assert.Single(results).Outcome);
        var bundle = work.Combine("bundle.zip");
        await OfflineBundle.ExportAsync(store, bundle, TimeProvider.System, CancellationToken.None);
        return bundle;
    }
}
