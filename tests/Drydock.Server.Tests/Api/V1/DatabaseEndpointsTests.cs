using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Oci.Manifests;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Indexing;
using Drydock.Server.Integration;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;
using Microsoft.Extensions.DependencyInjection;

namespace Drydock.Server.Tests.Api.V1;

public sealed class DatabaseEndpointsTests
{
    [ToolFact(Skopeo.Program)]
    public async Task Update_AdvisoryAddedToDatabase_SummaryChangesWithoutReadingALayer()
    {
        // First the database holds only the community repository's secfixes (nothing for musl), then main's, as a
        // later drydock db update would write it: v3.10/main.yaml fixes musl's CVE-2019-14697 in 1.1.22-r3.
        var data = new TempDirectory("drydock-db-update");
        var databasePath = data.Combine(ServerMatcher.DatabaseFileName);
        await LoadAsync(databasePath, "community.yaml");
        var config = data.Combine("settings.json");
        await File.WriteAllTextAsync(config, """{"Scanning": {"LeaseDuration": "00:00:03", "PollInterval": "00:00:00.200"}}""");
        await using var server = await RunningServer.StartAsync(data: data, configFile: config);
        await ScanApi.PatchNamespaceAsync(server.Client, "live", """{"autoScan": true}""");
        using var work = new TempDirectory("drydock-db-update-image");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var image = await layout.AddImageAsync([ScanApi.AlpineFilesWithOldMusl()], LayerCompression.Gzip, new Platform { Os = "linux", Architecture = "amd64" }, CancellationToken.None);
        layout.Tag(image, "old");
        await Skopeo.CopyAsync($"oci:{layout.Directory}:old", $"docker://{server.Address.Authority}/live/alpine:old", CancellationToken.None);
        var before = (await ScanApi.WaitForArtifactAsync(server.Client, "live/alpine", "old")).GetProperty("summary");
        Assert.Equal(0, Total(before));
        var statistics = server.App.Services.GetRequiredService<ImageIndexer>().Statistics;
        var layersReadBefore = statistics.LayersRead;

        await LoadAsync(databasePath, "main.yaml");
        using var response = await server.Client.PostAsync(new Uri("/api/v1/db/update", UriKind.Relative), null);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var update = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, update.GetProperty("rematched").GetInt32());
        var after = (await ScanApi.WaitForArtifactAsync(server.Client, "live/alpine", "old")).GetProperty("summary");
        Assert.Equal(1, Total(after));
        Assert.NotEqual(before.GetProperty("databaseVersion").GetString(), after.GetProperty("databaseVersion").GetString());
        Assert.Equal(layersReadBefore, statistics.LayersRead);
        Assert.Equal(1, layersReadBefore);
    }

    [Fact]
    public async Task Update_NoAdvisoryDatabase_Conflict()
    {
        await using var server = await ScanApi.StartAsync(concurrency: 0);

        using var response = await server.Client.PostAsync(new Uri("/api/v1/db/update", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static int Total(JsonElement summary) => summary.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32());

    private static async Task LoadAsync(string path, string feed)
    {
        var store = new SqliteAdvisoryStore(path, TimeProvider.System);
        var alpine = BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == "alpine-secdb");
        await using var yaml = File.OpenRead(TestPaths.Shared("feeds", "alpine-secdb", "v3.10", feed));
        await store.ReplaceSourceAsync(alpine.Name, alpine.ParseAsync(yaml, CancellationToken.None), new Fingerprint(feed), CancellationToken.None);
    }
}
