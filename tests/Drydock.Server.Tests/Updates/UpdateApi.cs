using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Server.Tests.Updates;

/// <summary>What the database-update tests share: settings for a server updating from a mirror, and polling the status.</summary>
internal static class UpdateApi
{
    /// <summary>Settings of a server whose updater reads only alpine-secdb from <paramref name="from"/> (a directory or URL), schedule off.</summary>
    public static Dictionary<string, string?> Settings(string from, bool scheduled = false) => new()
    {
        ["Scanning:Update:Enabled"] = scheduled ? "true" : "false",
        ["Scanning:Update:From"] = from,
        ["Scanning:Update:Sources:0"] = "alpine-secdb",
        ["Scanning:LeaseDuration"] = "00:00:03",
        ["Scanning:PollInterval"] = "00:00:00.200",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.200",
    };

    /// <summary>POST /api/v1/db/update: 202 and the run.</summary>
    public static async Task<JsonElement> StartAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/api/v1/db/update", UriKind.Relative), null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/db/status", response.Headers.Location?.OriginalString);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Starts an update and polls GET /api/v1/db/status until that run has finished; returns the run.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client)
    {
        var id = (await StartAsync(client)).GetProperty("id").GetString();
        return await WaitAsync(client, update => update.GetProperty("id").GetString() == id);
    }

    /// <summary>Polls GET /api/v1/db/status until its update is finished and satisfies <paramref name="wanted"/>.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, Func<JsonElement, bool> wanted)
    {
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/db/status");
            var update = status.GetProperty("update");
            if (update.ValueKind == JsonValueKind.Object && update.GetProperty("status").GetString() != "Running" && wanted(update))
            {
                return update;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the update did not finish: {status}");
            await Task.Delay(100);
        }
    }

    /// <summary>Pushes the Alpine 3.10 package database with musl at 1.1.20-r0 as <paramref name="repository"/>:old with skopeo.</summary>
    public static async Task PushOldMuslAsync(RunningServer server, string repository)
    {
        using var work = new TempDirectory("drydock-old-musl");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var image = await layout.AddImageAsync([ScanApi.AlpineFilesWithOldMusl()], LayerCompression.Gzip, new Platform { Os = "linux", Architecture = "amd64" }, CancellationToken.None);
        layout.Tag(image, "old");
        await Skopeo.CopyAsync($"oci:{layout.Directory}:old", $"docker://{server.Address.Authority}/{repository}:old", CancellationToken.None);
    }

    public static int Total(JsonElement summary) => summary.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32());
}
