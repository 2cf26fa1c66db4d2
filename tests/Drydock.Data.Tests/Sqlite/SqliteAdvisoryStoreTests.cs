using System.Net;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;
using Drydock.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteAdvisoryStoreTests : IDisposable
{
    private static readonly string TrackerSample = TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json");
    private readonly TempDirectory _directory = new("drydock-vulndb");
    private readonly FeedServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static IAdvisorySource Debian => BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == "debian-tracker");

    private SqliteAdvisoryStore NewStore() => new(_directory.Combine("vulndb.sqlite"), TimeProvider.System);

    private AdvisoryUpdater NewUpdater(SqliteAdvisoryStore store) => new(
        store,
        new HttpFeedContext(new HttpClient(), _server.BaseUrl, TimeProvider.System, NullLogger<HttpFeedContext>.Instance, maxAttempts: 3, initialBackoff: TimeSpan.FromMilliseconds(10)),
        NullLogger<AdvisoryUpdater>.Instance);

    private void Serve(byte[] body, string etag = "\"v1\"", bool truncate = false, int status = 200) =>
        _server.Handler = async context =>
        {
            if (context.Request.Url!.AbsolutePath != "/security-tracker.debian.org/tracker/data/json")
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                return;
            }

            if (status != 200)
            {
                context.Response.StatusCode = status;
                context.Response.Close();
                return;
            }

            await FeedServer.RespondAsync(context, body, etag, truncate);
        };

    private static Task<List<StoredAffected>> ReadAllAsync(SqliteAdvisoryStore store) => AdvisoryStoreReading.ReadAllAsync(store);

    private async Task<(SqliteAdvisoryStore Store, int Count)> LoadedStoreAsync()
    {
        var store = NewStore();
        Serve(await File.ReadAllBytesAsync(TrackerSample));
        var result = (await NewUpdater(store).UpdateAsync([Debian], CancellationToken.None)).Single();
        Assert.Equal(SourceUpdateOutcome.Updated, result.Outcome);
        return (store, (await ReadAllAsync(store)).Count);
    }

    [Fact]
    public async Task UpdateAsync_200_StoresEveryStatement()
    {
        var (store, count) = await LoadedStoreAsync();

        // debian.json: 2 packages with 4 CVEs × 5 releases (counted by the parser test from the file).
        var rows = await ReadAllAsync(store);
        Assert.Equal(count, rows.Count);
        Assert.Contains(rows, r => r.AdvisoryId == "CVE-2008-7220" && r.Package.Distribution == "debian:9" && r.Package.Ranges[0].Fixed == "1.6.0.2-1");
        var status = (await store.GetSourceStatusAsync(CancellationToken.None)).Single();
        Assert.Null(status.Error);
        Assert.NotNull(status.LastSuccess);
        Assert.Equal(1, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    [Fact]
    public async Task UpdateAsync_304WithETag_IsUnchangedAndKeepsData()
    {
        var (store, count) = await LoadedStoreAsync();

        var result = (await NewUpdater(store).UpdateAsync([Debian], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Unchanged, result.Outcome);
        Assert.Equal("\"v1\"", _server.Requests[^1].IfNoneMatch);
        Assert.Equal(count, (await ReadAllAsync(store)).Count);
        Assert.Equal(1, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    [Fact]
    public async Task UpdateAsync_500_FailsAfterRetriesAndKeepsData()
    {
        var (store, count) = await LoadedStoreAsync();
        var before = _server.Requests.Count;
        var recordsBefore = (await store.GetSourceStatusAsync(CancellationToken.None)).Single().RecordCount;
        Serve([], status: 500);

        var result = (await NewUpdater(store).UpdateAsync([Debian], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Failed, result.Outcome);
        Assert.Equal(3, _server.Requests.Count - before);
        Assert.Equal(count, (await ReadAllAsync(store)).Count);
        var status = (await store.GetSourceStatusAsync(CancellationToken.None)).Single();
        Assert.Contains("HTTP 500", status.Error, StringComparison.Ordinal);
        Assert.Equal(recordsBefore, status.RecordCount);
        Assert.True(status.LastAttempt > status.LastSuccess);
    }

    [Fact]
    public async Task UpdateAsync_TruncatedBody_FailsAndKeepsData()
    {
        var (store, count) = await LoadedStoreAsync();
        Serve(await File.ReadAllBytesAsync(TrackerSample), etag: "\"v2\"", truncate: true);

        var result = (await NewUpdater(store).UpdateAsync([Debian], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Failed, result.Outcome);
        Assert.Equal(count, (await ReadAllAsync(store)).Count);
        Assert.NotNull((await store.GetSourceStatusAsync(CancellationToken.None)).Single().Error);
    }

    [Fact]
    public async Task UpdateAsync_MalformedRecord_FailsNamingItAndKeepsData()
    {
        var (store, count) = await LoadedStoreAsync();
        var text = await File.ReadAllTextAsync(TrackerSample);
        // The last record of the real sample, broken: everything before it parses, then the update must roll back.
        var broken = text[..text.LastIndexOf("\"status\": \"resolved\"", StringComparison.Ordinal)] + "\"status\": \"exploded\"" +
                     text[(text.LastIndexOf("\"status\": \"resolved\"", StringComparison.Ordinal) + "\"status\": \"resolved\"".Length)..];
        Serve(System.Text.Encoding.UTF8.GetBytes(broken), etag: "\"v3\"");

        var result = (await NewUpdater(store).UpdateAsync([Debian], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Failed, result.Outcome);
        Assert.Contains("unknown status 'exploded'", result.Error, StringComparison.Ordinal);
        Assert.Contains("CVE-", result.Error, StringComparison.Ordinal);
        Assert.Equal(count, (await ReadAllAsync(store)).Count);
        Assert.Equal(1, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    [Fact]
    public async Task UpdateAsync_FromDirectory_ReadsTheMirrorLayout()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        Directory.CreateDirectory(mirror.Combine("security-tracker.debian.org", "tracker", "data"));
        File.Copy(TrackerSample, mirror.Combine("security-tracker.debian.org", "tracker", "data", "json"));
        var store = NewStore();
        var updater = new AdvisoryUpdater(store, new DirectoryFeedContext(mirror.Path), NullLogger<AdvisoryUpdater>.Instance);

        var first = (await updater.UpdateAsync([Debian], CancellationToken.None)).Single();
        var second = (await updater.UpdateAsync([Debian], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Updated, first.Outcome);
        Assert.Equal(SourceUpdateOutcome.Unchanged, second.Outcome);
        Assert.NotEmpty(await ReadAllAsync(store));
    }

    [Fact]
    public async Task ReplaceSourceAsync_EnumerationThrows_RollsBack()
    {
        var (store, count) = await LoadedStoreAsync();

        static async IAsyncEnumerable<Advisory> Broken()
        {
            yield return new Advisory { Id = "CVE-1", Source = "debian-tracker" };
            await Task.Yield();
            throw new MalformedRecordException("debian-tracker", "CVE-2", "broken");
        }

        await Assert.ThrowsAsync<MalformedRecordException>(() => store.ReplaceSourceAsync("debian-tracker", Broken(), new Fingerprint("x"), CancellationToken.None));

        Assert.Equal(count, (await ReadAllAsync(store)).Count);
    }

    [Fact]
    public async Task GetByIdsAsync_EnrichmentRecords_RoundTrip()
    {
        var store = NewStore();
        var kev = new KnownExploitation(new DateOnly(2021, 12, 10), new DateOnly(2021, 12, 24), "Apply updates", "Known");
        await store.ReplaceSourceAsync("cisa-kev", ToAsync(new Advisory { Id = "CVE-2021-44228", Source = "cisa-kev", KnownExploited = kev }), new Fingerprint("k"), CancellationToken.None);
        await store.ReplaceSourceAsync("epss", ToAsync(new Advisory { Id = "CVE-2021-44228", Source = "epss", Epss = new ExploitPrediction(0.97, 0.99, new DateOnly(2024, 1, 1)) }), new Fingerprint("e"), CancellationToken.None);

        var records = await store.GetByIdsAsync(["CVE-2021-44228"], CancellationToken.None);

        Assert.Equal(kev, records.Single(r => r.Source == "cisa-kev").KnownExploited);
        Assert.Equal(0.97, records.Single(r => r.Source == "epss").Epss!.Score);
        Assert.Equal(2, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    [Fact]
    public async Task ReadAffectedAsync_EveryStatementField_RoundTrips()
    {
        var store = NewStore();
        // A note longer than the reader's stack buffer, non-ASCII text, a module stream, listed versions,
        // a range with every bound, a statement without ranges, and a withdrawn record that is left out.
        var note = string.Concat(Enumerable.Repeat("vulnérable code not présent ", 20));
        var first = new AffectedPackage
        {
            Ecosystem = "rpm", Distribution = "rhel:9", Name = "nodejs", Module = "nodejs:18", Status = AffectedStatus.WillNotFix,
            Severity = Drydock.Scanning.Abstractions.Model.Severity.High, Note = note, Versions = ["1.0", "1.1"],
            Ranges =
            [
                new AffectedRange { Introduced = "0", Fixed = "1:18.19.0-1.module+el9.3.0", Type = "ECOSYSTEM" },
                new AffectedRange { Introduced = "2.0", LastAffected = "2.5", Limit = "3.0", Type = "native", Expression = ">=2.0 <=2.5" },
            ],
        };
        var second = new AffectedPackage { Ecosystem = "npm", Name = "ünïcode-ŝtring", Status = AffectedStatus.NotAffected };
        await store.ReplaceSourceAsync("test", ToAsync(
            new Advisory { Id = "CVE-2024-0001", Source = "test", Affected = [first, second] },
            new Advisory { Id = "CVE-2024-0002", Source = "test", Withdrawn = DateTimeOffset.UnixEpoch, Affected = [second] }), new Fingerprint("t"), CancellationToken.None);

        var rows = await ReadAllAsync(store);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(("CVE-2024-0001", "test"), (r.AdvisoryId, r.Source)));
        Assert.Same(rows[0].AdvisoryId, rows[1].AdvisoryId);
        foreach (var (written, read) in new[] { first, second }.Zip(rows.Select(r => r.Package)))
        {
            Assert.Equal(written with { Ranges = [], Versions = [] }, read with { Ranges = [], Versions = [] });
            Assert.Equal(written.Versions, read.Versions);
            Assert.Equal(written.Ranges, read.Ranges);
        }
    }

    [Fact]
    public async Task ReplaceSourceAsync_ScoresThatAreNotFinite_StoredWithoutAScore()
    {
        var store = NewStore();
        const string Vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        var advisory = new Advisory
        {
            Id = "GHSA-0000-0000-0001",
            Source = "test",
            Cvss = [new CvssScore("4.0", Vector, double.NaN, "test"), new CvssScore("3.1", "CVSS:3.1/AV:N", double.PositiveInfinity, "test"), new CvssScore("4.0", Vector, 9.3, "other")],
            Epss = new ExploitPrediction(double.NaN, 0.5, null),
        };

        await store.ReplaceSourceAsync("test", ToAsync(advisory), new Fingerprint("t"), CancellationToken.None);

        var read = (await store.GetByIdsAsync(["GHSA-0000-0000-0001"], CancellationToken.None)).Single();
        Assert.Equal(3, read.Cvss.Count);
        Assert.True(double.IsNaN(read.Cvss[0].BaseScore));
        Assert.True(double.IsNaN(read.Cvss[1].BaseScore));
        Assert.Equal(advisory.Cvss[2], read.Cvss[2]);
        Assert.Null(read.Epss);
    }

    [Fact]
    public async Task UpdateAsync_SourceThrowsAnyException_RecordedAsItsFailureAndLaterSourcesUpdate()
    {
        var store = NewStore();
        var throwing = new ThrowingSource();
        var loaded = (await NewUpdater(store).UpdateAsync([throwing], CancellationToken.None)).Single();
        Assert.Equal(SourceUpdateOutcome.Updated, loaded.Outcome);
        Serve(await File.ReadAllBytesAsync(TrackerSample));
        throwing.Throw = true;

        var results = await NewUpdater(store).UpdateAsync([throwing, Debian], CancellationToken.None);

        Assert.Equal(SourceUpdateOutcome.Failed, results[0].Outcome);
        Assert.Equal("a-throwing-source: Value cannot be written as JSON.", results[0].Error);
        Assert.Equal(SourceUpdateOutcome.Updated, results[1].Outcome);
        var status = (await store.GetSourceStatusAsync(CancellationToken.None)).ToDictionary(s => s.Source);
        Assert.Equal(results[0].Error, status["a-throwing-source"].Error);
        Assert.Equal(1, status["a-throwing-source"].RecordCount);
        Assert.Null(status["debian-tracker"].Error);
        Assert.True(status["debian-tracker"].RecordCount > 0);
        Assert.Single(await ReadAllAsync(store), r => r.Source == "a-throwing-source");
    }

    // Yields one record, then (once told to) throws an exception of a kind no feed error is, with a second line.
    private sealed class ThrowingSource : IAdvisorySource
    {
        public bool Throw { get; set; }

        public string Name => "a-throwing-source";

        public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken) =>
            Task.FromResult(FetchResult.Changed(new MemoryStream([1]), new Fingerprint(Throw ? "b" : "a")));

        public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new Advisory
            {
                Id = "CVE-2024-0001",
                Source = Name,
                Affected = [new AffectedPackage { Ecosystem = "npm", Name = "x", Ranges = [new AffectedRange { Introduced = "0", Fixed = "1", Type = "SEMVER" }] }],
            };
            if (Throw)
            {
                throw new ArgumentException("Value cannot be written as JSON.\nSecond line.");
            }
        }
    }

    [Fact]
    public async Task ReadAffectedAsync_ByNamesTwiceOnOnePooledConnection_EachReadGivesItsOwnNamesOnly()
    {
        var (store, _) = await LoadedStoreAsync();
        var all = await ReadAllAsync(store);
        var names = all.Select(r => r.Package.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, names.Count); // the tracker sample's two source packages

        // The second read reuses the first one's pooled connection and its temporary table of names.
        List<string> firstNames = [names[0]];
        List<string> secondNames = [names[1], "no-such-package"];
        var first = await ReadNamedAsync(store, firstNames);
        var second = await ReadNamedAsync(store, secondNames);

        Assert.Equal(all.Where(r => firstNames.Contains(r.Package.Name)).Select(r => r.AdvisoryId), first.Select(r => r.AdvisoryId));
        Assert.Equal(all.Where(r => secondNames.Contains(r.Package.Name)).Select(r => r.AdvisoryId), second.Select(r => r.AdvisoryId));
        Assert.NotEmpty(second);
    }

    private static async Task<List<StoredAffected>> ReadNamedAsync(SqliteAdvisoryStore store, IReadOnlyCollection<string> names)
    {
        var list = new List<StoredAffected>();
        await foreach (var row in store.ReadAffectedAsync(names, CancellationToken.None))
        {
            list.Add(row);
        }

        return list;
    }

    private static async IAsyncEnumerable<Advisory> ToAsync(params Advisory[] advisories)
    {
        foreach (var advisory in advisories)
        {
            yield return advisory;
        }

        await Task.CompletedTask;
    }
}
