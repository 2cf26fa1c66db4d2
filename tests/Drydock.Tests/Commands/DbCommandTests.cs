using Drydock.Commands;
using Drydock.Testing;

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
