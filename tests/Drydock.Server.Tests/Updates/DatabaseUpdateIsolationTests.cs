using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Testing;
using Drydock.Testing.Feeds;

namespace Drydock.Server.Tests.Updates;

/// <summary>
/// The server's updater over real OSV exports (RustSec with CVSS v4.0 severities, then Go): one source's failure is
/// that source's alone, with a one-line reason in /api/v1/db/status, and the sources after it still update.
/// </summary>
public sealed class DatabaseUpdateIsolationTests
{
    private static Dictionary<string, string?> Settings(string mirror)
    {
        var settings = UpdateApi.Settings(mirror);
        settings["Scanning:Update:Sources:0"] = "osv-crates-io";
        settings["Scanning:Update:Sources:1"] = "osv-go";
        return settings;
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public async Task Update_RealRustSecCorpusWithCvssV4_LoadsWithTheOraclesScoresAndGoUpdates()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        OsvFeedMirror.Write(mirror.Path, "crates.io", OsvFeedMirror.RustSecFolder);
        OsvFeedMirror.Write(mirror.Path, "Go", OsvFeedMirror.GoFolder);
        await using var server = await RunningServer.StartAsync(settings: Settings(mirror.Path));

        var update = await UpdateApi.RunAsync(server.Client);

        Assert.True(update.GetProperty("status").GetString() == "Succeeded", update.ToString());
        Assert.All(update.GetProperty("sources").EnumerateArray(), s => Assert.Equal("Updated", s.GetProperty("outcome").GetString()));
        Assert.Equal(["osv-crates-io", "osv-go"], update.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()).Order(StringComparer.Ordinal));

        // Each record's CVSS v4.0 score, as the vulnerability API shows it, is the oracle's.
        var scores = new List<(string Vector, JsonElement Score, string? Nomenclature)>();
        foreach (var file in Directory.GetFiles(OsvFeedMirror.RustSecFolder, "*.json").Where(f => File.ReadAllText(f).Contains("CVSS_V4", StringComparison.Ordinal)))
        {
            var body = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/vulnerabilities/{Path.GetFileNameWithoutExtension(file)}");
            scores.AddRange(body.GetProperty("cvss").EnumerateArray().Where(c => c.GetProperty("version").GetString() == "4.0")
                .Select(c => (c.GetProperty("vector").GetString()!, c.GetProperty("score"), c.GetProperty("nomenclature").GetString())));
        }

        Assert.True(scores.Count >= 20, $"only {scores.Count} CVSS v4 scores shown");
        var oracle = await CvssOracle.ScoreV4Async([.. scores.Select(s => s.Vector)]);
        Assert.All(scores.Zip(oracle), pair =>
        {
            Assert.Equal(JsonValueKind.Number, pair.First.Score.ValueKind);
            Assert.Equal(pair.Second, pair.First.Score.GetDouble().ToString(CultureInfo.InvariantCulture));
            Assert.StartsWith("CVSS-B", pair.First.Nomenclature, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Update_SourceThrowsWhileParsing_RecordedAsFailedWithItsReasonAndGoStillUpdates()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        OsvFeedMirror.Write(mirror.Path, "crates.io", OsvFeedMirror.RustSecFolder);
        await using var server = await RunningServer.StartAsync(settings: Settings(mirror.Path));
        var first = await UpdateApi.RunAsync(server.Client);
        Assert.Equal("Updated", Source(first, "osv-crates-io").GetProperty("outcome").GetString());
        var records = Directory.GetFiles(OsvFeedMirror.RustSecFolder, "*.json").Length;

        OsvFeedMirror.Write(mirror.Path, "crates.io", OsvFeedMirror.RustSecFolder, OsvFeedMirror.BrokenRustSecRecord());
        OsvFeedMirror.Write(mirror.Path, "Go", OsvFeedMirror.GoFolder);
        var second = await UpdateApi.RunAsync(server.Client);
        var status = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/db/status");

        Assert.Equal("Failed", second.GetProperty("status").GetString());
        Assert.Equal("1 of 2 sources failed; their previous data stays in force.", second.GetProperty("error").GetString());
        var crates = Source(second, "osv-crates-io");
        Assert.Equal("Failed", crates.GetProperty("outcome").GetString());
        Assert.StartsWith("osv-crates-io: ", crates.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Updated", Source(second, "osv-go").GetProperty("outcome").GetString());
        Assert.True(second.GetProperty("changed").GetBoolean());

        var cratesRow = Source(status.GetProperty("sources"), "osv-crates-io");
        Assert.Equal(crates.GetProperty("error").GetString(), cratesRow.GetProperty("error").GetString());
        Assert.DoesNotContain('\n', cratesRow.GetProperty("error").GetString()!);
        Assert.Equal(records, cratesRow.GetProperty("records").GetInt32());
        var goRow = Source(status.GetProperty("sources"), "osv-go");
        Assert.Equal(JsonValueKind.Null, goRow.GetProperty("error").ValueKind);
        Assert.True(goRow.GetProperty("records").GetInt32() > 0);
    }

    private static JsonElement Source(JsonElement updateOrSources, string name) =>
        (updateOrSources.ValueKind == JsonValueKind.Array ? updateOrSources : updateOrSources.GetProperty("sources"))
            .EnumerateArray().Single(s => s.GetProperty("source").GetString() == name);
}
