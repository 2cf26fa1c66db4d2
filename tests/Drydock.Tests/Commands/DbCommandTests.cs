using System.Globalization;
using Drydock.Commands;
using Drydock.Data.Sqlite;
using Drydock.Testing;
using Drydock.Testing.Feeds;

namespace Drydock.Tests.Commands;

/// <summary><c>drydock db update --from DIR</c> then <c>drydock db status</c>, on the real Debian tracker sample.</summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-db-command");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task StatusAsync_AfterAFailedUpdate_ShowsThePreviousRecordsAndTheError()
    {
        var database = _directory.Combine("vulndb.sqlite");
        var mirror = _directory.Combine("mirror");
        var feed = Path.Combine(mirror, "security-tracker.debian.org", "tracker", "data", "json");
        Directory.CreateDirectory(Path.GetDirectoryName(feed)!);
        var sample = await File.ReadAllBytesAsync(TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json"));
        await File.WriteAllBytesAsync(feed, sample);
        using var first = new StringWriter();
        var updated = await DbCommand.UpdateAsync(database, ["debian-tracker"], mirror, first, CancellationToken.None);
        using var before = new StringWriter();
        await DbCommand.StatusAsync(database, before, CancellationToken.None);

        // The same feed cut in half: not JSON any more.
        await File.WriteAllBytesAsync(feed, sample[..(sample.Length / 2)]);
        using var second = new StringWriter();
        var failed = await DbCommand.UpdateAsync(database, ["debian-tracker"], mirror, second, CancellationToken.None);
        using var after = new StringWriter();
        var status = await DbCommand.StatusAsync(database, after, CancellationToken.None);

        Assert.Equal(0, updated);
        Assert.Equal(1, failed);
        Assert.Contains("debian-tracker: FAILED, previous data kept", second.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, status);
        var beforeRow = Row(before.ToString(), "debian-tracker");
        var afterRow = Row(after.ToString(), "debian-tracker");

        // debian.json holds 3 CVEs; the row keeps that count and gains the error.
        Assert.Contains("│ 3 ", beforeRow, StringComparison.Ordinal);
        Assert.Contains("│ 3 ", afterRow, StringComparison.Ordinal);
        Assert.DoesNotContain("never", afterRow, StringComparison.Ordinal);
        Assert.DoesNotContain("malformed", beforeRow, StringComparison.Ordinal);
        Assert.Contains("debian-tracker: record (document) is malformed", afterRow, StringComparison.Ordinal);
        Assert.Contains("never", Row(after.ToString(), "alpine-secdb"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public async Task UpdateAsync_RealRustSecCorpusWithCvssV4_StoresTheScoresAeCvssCalculatorGives()
    {
        var database = _directory.Combine("vulndb.sqlite");
        var mirror = _directory.Combine("mirror");
        OsvFeedMirror.Write(mirror, "crates.io", OsvFeedMirror.RustSecFolder);
        OsvFeedMirror.Write(mirror, "Go", OsvFeedMirror.GoFolder);
        using var output = new StringWriter();

        var exit = await DbCommand.UpdateAsync(database, ["osv-crates-io", "osv-go"], mirror, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        var files = Directory.GetFiles(OsvFeedMirror.RustSecFolder, "*.json").Length;
        Assert.Contains($"osv-crates-io: updated, {files} records", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("osv-go: updated", output.ToString(), StringComparison.Ordinal);
        var store = new SqliteAdvisoryStore(database, TimeProvider.System);
        var ids = Directory.GetFiles(OsvFeedMirror.RustSecFolder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
        var v4 = (await store.GetByIdsAsync(ids, CancellationToken.None)).SelectMany(a => a.Cvss).Where(c => c.Version == "4.0").ToList();
        Assert.True(v4.Count >= 20, $"only {v4.Count} CVSS v4 scores stored");
        var oracle = await CvssOracle.ScoreV4Async([.. v4.Select(c => c.Vector)]);
        Assert.All(v4.Zip(oracle), pair =>
            Assert.True(pair.Second == pair.First.BaseScore.ToString(CultureInfo.InvariantCulture), $"{pair.First.Vector}: stored {pair.First.BaseScore}, ae-cvss-calculator {pair.Second}"));
    }

    [Fact]
    public async Task UpdateAsync_SourceThrowsWhileParsing_RecordedAsFailedAndLaterSourcesUpdate()
    {
        var database = _directory.Combine("vulndb.sqlite");
        var mirror = _directory.Combine("mirror");
        OsvFeedMirror.Write(mirror, "crates.io", OsvFeedMirror.RustSecFolder);
        using var first = new StringWriter();
        Assert.Equal(0, await DbCommand.UpdateAsync(database, ["osv-crates-io"], mirror, first, CancellationToken.None));
        var records = Directory.GetFiles(OsvFeedMirror.RustSecFolder, "*.json").Length;

        // crates.io's export gains a record its parser throws on; osv-go comes after it.
        OsvFeedMirror.Write(mirror, "crates.io", OsvFeedMirror.RustSecFolder, OsvFeedMirror.BrokenRustSecRecord());
        OsvFeedMirror.Write(mirror, "Go", OsvFeedMirror.GoFolder);
        using var second = new StringWriter();
        var exit = await DbCommand.UpdateAsync(database, ["osv-crates-io", "osv-go"], mirror, second, CancellationToken.None);
        using var status = new StringWriter();
        await DbCommand.StatusAsync(database, status, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("osv-crates-io: FAILED, previous data kept: osv-crates-io: ", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("osv-go: updated", second.ToString(), StringComparison.Ordinal);
        var crates = Row(status.ToString(), "osv-crates-io");
        Assert.Contains($"│ {records} ", crates, StringComparison.Ordinal);
        Assert.Contains("osv-crates-io: ", crates[crates.IndexOf("│ " + records, StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("never", Row(status.ToString(), "osv-go"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_DatabaseHeldByAServer_RefusesAndWritesNothing()
    {
        var database = _directory.Combine("vulndb.sqlite");
        var mirror = _directory.Combine("mirror");
        var feed = Path.Combine(mirror, "security-tracker.debian.org", "tracker", "data", "json");
        Directory.CreateDirectory(Path.GetDirectoryName(feed)!);
        File.Copy(TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json"), feed);

        // What `drydock serve` holds on its data directory's database while it runs.
        using (var server = Drydock.Data.Sqlite.DatabaseFileLock.TryAcquire(database, "drydock serve", out _))
        {
            Assert.NotNull(server);
            using var refused = new StringWriter();
            Assert.Equal(1, await DbCommand.UpdateAsync(database, ["debian-tracker"], mirror, refused, CancellationToken.None));
            Assert.False(File.Exists(database));
        }

        using var output = new StringWriter();
        Assert.Equal(0, await DbCommand.UpdateAsync(database, ["debian-tracker"], mirror, output, CancellationToken.None));
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task StatusAsync_NoDatabase_SaysHowToGetOneAndFails()
    {
        using var output = new StringWriter();

        var status = await DbCommand.StatusAsync(_directory.Combine("missing.sqlite"), output, CancellationToken.None);

        Assert.Equal(2, status);
        Assert.Empty(output.ToString());
    }

    // The table row that names the source (Spectre draws rows as "│ name │ … │").
    private static string Row(string table, string source) =>
        table.Split('\n').Single(line => line.Contains($"│ {source} ", StringComparison.Ordinal));
}
