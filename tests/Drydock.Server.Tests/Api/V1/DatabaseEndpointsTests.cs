using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Scanning.Indexing;
using Drydock.Server.Tests.Integration;
using Drydock.Server.Tests.Updates;
using Drydock.Testing;
using Drydock.Testing.Registries;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Drydock.Server.Tests.Api.V1;

/// <summary>
/// The server's own advisory updater: the real alpine-secdb source reads a mirror (a directory, or a local HTTP
/// server) holding the shared secdb fixture files; stored inventories are matched again without reading a layer.
/// </summary>
public sealed class DatabaseEndpointsTests
{
    [ToolFact(Skopeo.Program)]
    public async Task Update_FeedGainsAnAdvisory_SummaryChangesWithoutReadingALayer()
    {
        // First v3.10/main holds only the community repository's secfixes (nothing for musl), then main's:
        // main.yaml fixes musl's CVE-2019-14697 in 1.1.22-r3, above the image's 1.1.20-r0.
        using var mirror = new TempDirectory("drydock-mirror");
        AlpineFeedMirror.Write(mirror.Path, "community.yaml");
        await using var server = await RunningServer.StartAsync(settings: UpdateApi.Settings(mirror.Path));
        var first = await UpdateApi.RunAsync(server.Client);
        Assert.Equal("Succeeded", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("changed").GetBoolean());
        await ScanApi.PatchNamespaceAsync(server.Client, "live", """{"autoScan": true}""");
        await UpdateApi.PushOldMuslAsync(server, "live/alpine");
        var before = (await ScanApi.WaitForArtifactAsync(server.Client, "live/alpine", "old")).GetProperty("summary");
        Assert.True(before.GetProperty("matched").GetBoolean());
        Assert.Equal(0, UpdateApi.Total(before));
        var statistics = server.App.Services.GetRequiredService<ImageIndexer>().Statistics;
        var layersReadBefore = statistics.LayersRead;

        AlpineFeedMirror.Write(mirror.Path, "main.yaml");
        var second = await UpdateApi.RunAsync(server.Client);

        Assert.Equal("Succeeded", second.GetProperty("status").GetString());
        Assert.Equal("Updated", second.GetProperty("sources").EnumerateArray().Single().GetProperty("outcome").GetString());
        Assert.Equal(1, second.GetProperty("rematched").GetInt32());
        var after = (await ScanApi.WaitForArtifactAsync(server.Client, "live/alpine", "old")).GetProperty("summary");
        Assert.Equal(1, UpdateApi.Total(after));
        Assert.Equal(second.GetProperty("databaseVersion").GetString(), after.GetProperty("databaseVersion").GetString());
        Assert.NotEqual(before.GetProperty("databaseVersion").GetString(), after.GetProperty("databaseVersion").GetString());
        Assert.Equal(1, layersReadBefore);
        Assert.Equal(layersReadBefore, statistics.LayersRead);
    }

    [ToolFact(Skopeo.Program)]
    public async Task Update_FirstDatabaseAfterAScan_NoDatabaseResultMatchedToSuccess()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        AlpineFeedMirror.Write(mirror.Path, "main.yaml");
        await using var server = await RunningServer.StartAsync(settings: UpdateApi.Settings(mirror.Path));
        await ScanApi.PatchNamespaceAsync(server.Client, "early", """{"autoScan": true}""");
        await UpdateApi.PushOldMuslAsync(server, "early/alpine");
        var before = await ScanApi.WaitForArtifactAsync(server.Client, "early/alpine", "old");
        Assert.Equal("NoDatabase", before.GetProperty("status").GetString());
        Assert.False(before.GetProperty("summary").GetProperty("matched").GetBoolean());

        var update = await UpdateApi.RunAsync(server.Client);

        Assert.Equal(1, update.GetProperty("rematched").GetInt32());
        var after = await ScanApi.WaitForArtifactAsync(server.Client, "early/alpine", "old");
        Assert.Equal("Success", after.GetProperty("status").GetString());
        Assert.True(!after.TryGetProperty("reason", out var reason) || reason.ValueKind == JsonValueKind.Null);
        Assert.Equal(1, UpdateApi.Total(after.GetProperty("summary")));
        Assert.Empty(after.GetProperty("summary").GetProperty("notCovered").EnumerateArray());
    }

    [Fact]
    public async Task Update_FeedUnchanged_NothingMatchedAgain()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        AlpineFeedMirror.Write(mirror.Path, "main.yaml");
        await using var server = await RunningServer.StartAsync(settings: UpdateApi.Settings(mirror.Path));
        await UpdateApi.RunAsync(server.Client);

        var again = await UpdateApi.RunAsync(server.Client);

        Assert.Equal("Unchanged", again.GetProperty("sources").EnumerateArray().Single().GetProperty("outcome").GetString());
        Assert.False(again.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task Update_WhileOneRuns_SecondRequestGetsTheRunningOne()
    {
        // The mirror is a local HTTP server that holds its first answer until the test lets it go.
        using var files = new TempDirectory("drydock-mirror");
        AlpineFeedMirror.Write(files.Path, "main.yaml");
        await using var mirror = await LocalHttpServer.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mirror.Handler = async (context, _) =>
        {
            await gate.Task.WaitAsync(ScanApi.PollTimeout);
            var path = Path.Combine(files.Path, context.Request.Path.Value!.TrimStart('/'));
            context.Response.StatusCode = File.Exists(path) ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            if (File.Exists(path))
            {
                await context.Response.SendFileAsync(path);
            }
        };
        await using var server = await RunningServer.StartAsync(settings: UpdateApi.Settings(mirror.Address.AbsoluteUri));

        var running = await UpdateApi.StartAsync(server.Client);
        var second = await UpdateApi.StartAsync(server.Client);
        gate.SetResult();

        Assert.Equal("Running", running.GetProperty("status").GetString());
        Assert.Equal(running.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        var finished = await UpdateApi.WaitAsync(server.Client, u => u.GetProperty("id").GetString() == running.GetProperty("id").GetString());
        Assert.Equal("Succeeded", finished.GetProperty("status").GetString());
        Assert.Contains(mirror.Received, r => r.PathAndQuery == "/secdb.alpinelinux.org/v3.10/main.json");
        var third = await UpdateApi.StartAsync(server.Client);
        Assert.NotEqual(running.GetProperty("id").GetString(), third.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Schedule_EnabledWithoutDatabase_UpdatesAtStartUp()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        AlpineFeedMirror.Write(mirror.Path, "main.yaml");

        await using var server = await RunningServer.StartAsync(settings: UpdateApi.Settings(mirror.Path, scheduled: true));

        var update = await UpdateApi.WaitAsync(server.Client, _ => true);
        Assert.Equal("schedule", update.GetProperty("trigger").GetString());
        Assert.Equal("Succeeded", update.GetProperty("status").GetString());
        var status = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/db/status");
        Assert.StartsWith("r1 ", status.GetProperty("databaseVersion").GetString(), StringComparison.Ordinal);
        Assert.True(status.GetProperty("schedule").GetProperty("enabled").GetBoolean());
        Assert.Equal("06:00:00", status.GetProperty("schedule").GetProperty("interval").GetString());
        var source = status.GetProperty("sources").EnumerateArray().Single();
        Assert.Equal("alpine-secdb", source.GetProperty("source").GetString());
        Assert.True(source.GetProperty("records").GetInt32() > 0);
    }

    [Fact]
    public async Task Update_UnknownSourceConfigured_FailedNamingIt()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        var settings = UpdateApi.Settings(mirror.Path);
        settings["Scanning:Update:Sources:0"] = "alpine-secbd";
        await using var server = await RunningServer.StartAsync(settings: settings);

        var update = await UpdateApi.RunAsync(server.Client);

        Assert.Equal("Failed", update.GetProperty("status").GetString());
        Assert.Contains("'alpine-secbd'", update.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(update.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task Status_NoDatabaseAndScheduleOff_NothingInForce()
    {
        await using var server = await RunningServer.StartAsync();

        var status = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/db/status");

        Assert.Equal(JsonValueKind.Null, status.GetProperty("databaseVersion").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("update").ValueKind);
        Assert.False(status.GetProperty("schedule").GetProperty("enabled").GetBoolean());
        Assert.Empty(status.GetProperty("sources").EnumerateArray());
    }
}
