using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Drydock.Benchmarks.Matching;
using Drydock.Data.Sqlite;
using Drydock.Scanning.Indexing;
using Drydock.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Drydock.Benchmarks.RegistryScanning;

/// <summary>
/// Re-match of N stored inventories after a database update, through a real server in this process: the advisory
/// database is the synthetic 500,000-range one plus the real alpine-secdb v3.10 feed, which the server's own updater
/// reads from a mirror directory; drydock.db holds N successful results whose inventories are real ones made by
/// <c>drydock sbom --format json</c>. The update swaps v3.10/main from the community file to the main file, and the
/// server reports how long matching every inventory again took (no layer is read: there are no layers).
/// Usage: rematch WORK_DIR INVENTORY.json [INVENTORY.json …] COUNT
/// </summary>
internal static class RematchScenario
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: rematch WORK_DIR INVENTORY.json [INVENTORY.json …] COUNT");
            return 2;
        }

        var work = Path.GetFullPath(args[0]);
        var count = int.Parse(args[^1], System.Globalization.CultureInfo.InvariantCulture);
        var inventories = args[1..^1].Select(f => JsonSerializer.Deserialize<ImageInventory>(File.ReadAllText(f), Web)!).ToList();
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        var data = Path.Combine(work, "data");
        var mirror = Path.Combine(work, "mirror");
        Directory.CreateDirectory(data);
        var (_, _, load, ranges) = await SyntheticAdvisoryDatabase.CreateAsync(Path.Combine(data, "vulndb.sqlite"), 500_000);
        Console.WriteLine($"synthetic database: {ranges} ranges in {load.TotalSeconds:F1} s");
        WriteAlpineMirror(mirror, "community.yaml");

        var app = await DrydockServer.CreateAsync(
            new DrydockServerOptions
            {
                DataDirectory = data,
                Urls = "http://127.0.0.1:0",
                MinimumLogLevel = LogLevel.Warning,
                Settings = new Dictionary<string, string?>
                {
                    ["Scanning:Concurrency"] = "0",
                    ["Scanning:Update:Enabled"] = "false",
                    ["Scanning:Update:From"] = mirror,
                    ["Scanning:Update:Sources:0"] = "alpine-secdb",
                },
            },
            CancellationToken.None);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(DrydockServer.GetListeningAddresses(app).Single()), Timeout = TimeSpan.FromMinutes(30) };
            var first = await UpdateAsync(client);
            Console.WriteLine($"first update (alpine-secdb community file, index built): {Seconds(first, "startedAt", "finishedAt")} s");

            await SeedAsync(Path.Combine(data, DrydockServer.DatabaseFileName), inventories, count);
            Console.WriteLine($"stored inventories: {count} ({string.Join(", ", inventories.Select(i => $"{i.Distribution?.Id} {i.Distribution?.Version ?? i.Distribution?.Release}: {i.Packages.Count} packages"))}, alternating)");

            WriteAlpineMirror(mirror, "main.yaml");
            var second = await UpdateAsync(client);
            var rematch = TimeSpan.Parse(second.GetProperty("rematchElapsed").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"second update: status {second.GetProperty("status").GetString()}, {second.GetProperty("rematched").GetInt32()} artifacts matched again, " +
                              $"{second.GetProperty("withNewFindings").GetInt32()} with new findings");
            Console.WriteLine($"RESULT re-match of {second.GetProperty("rematched").GetInt32()} stored inventories: {rematch.TotalSeconds:F2} s " +
                              $"(whole update incl. fetch, parse and index rebuild: {Seconds(second, "startedAt", "finishedAt")} s; " +
                              $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB)");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static string Seconds(JsonElement update, string from, string to) =>
        (update.GetProperty(to).GetDateTimeOffset() - update.GetProperty(from).GetDateTimeOffset()).TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> UpdateAsync(HttpClient client)
    {
        using var started = await client.PostAsync(new Uri("/api/v1/db/update", UriKind.Relative), null);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        while (true)
        {
            var update = (await client.GetFromJsonAsync<JsonElement>("/api/v1/db/status")).GetProperty("update");
            if (update.GetProperty("id").GetString() == id && update.GetProperty("status").GetString() != "Running")
            {
                return update;
            }

            await Task.Delay(50);
        }
    }

    // Each row is one image: an inventory as the worker stores it (a list of platforms, the engine's JSON shape), its
    // finding keys empty (matched before, nothing found), so every finding of the new match counts as new.
    private static async Task SeedAsync(string database, List<ImageInventory> inventories, int count)
    {
        var sqlite = new SqliteDatabase(database);
        await using var connection = await sqlite.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            var digest = $"sha256:{i:x64}";
            var inventory = inventories[i % inventories.Count] with { ManifestDigest = digest };
            await connection.ExecuteAsync(
                "INSERT INTO scan_results (repository, manifest_digest, status, summary, inventory, scanned_at, finding_keys) VALUES (@repository, @digest, 'Success', '{}', @inventory, 0, '')",
                new { repository = $"bench/app{i % 50}", digest, inventory = JsonSerializer.Serialize(new[] { inventory }) },
                transaction);
        }

        await transaction.CommitAsync();
    }

    // The layout the alpine-secdb source reads from a mirror: the shared v3.10 fixture as main, empty documents elsewhere.
    private static void WriteAlpineMirror(string root, string mainFixture)
    {
        string[] branches = ["v3.10", "v3.11", "v3.12", "v3.13", "v3.14", "v3.15", "v3.16", "v3.17", "v3.18", "v3.19", "v3.20", "v3.21", "v3.22", "edge"];
        foreach (var branch in branches)
        {
            foreach (var repository in new[] { "main", "community" })
            {
                var path = Path.Combine(root, "secdb.alpinelinux.org", branch, $"{repository}.json");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (branch == "v3.10" && repository == "main")
                {
                    File.Copy(Path.Combine(SyntheticAdvisoryDatabase.FindTestData(), "feeds", "alpine-secdb", "v3.10", mainFixture), path, overwrite: true);
                }
                else
                {
                    File.WriteAllText(path, $$"""{"distroversion": "{{branch}}", "reponame": "{{repository}}", "packages": []}""");
                }
            }
        }
    }
}
