using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;
using Drydock.Testing;
using Drydock.Testing.Feeds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Data.Tests.Sqlite;

/// <summary>
/// The ALAS source through the real updater and store, fetching over HTTP from a local mirror that serves a
/// yum repository made by createrepo_c/modifyrepo_c: mirror list → repomd.xml → updateinfo.xml.gz, with
/// ETags. Every failure keeps the previous data.
/// </summary>
public sealed class AmazonAlasUpdaterTests : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-alas");
    private readonly FeedServer _server = new();

    public AmazonAlasUpdaterTests()
    {
        _server.Handler = ServeMirrorAsync;
    }

    public void Dispose()
    {
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static IAdvisorySource Alas => BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == "amazon-alas");

    private string MirrorRoot => _directory.Combine("mirror");

    // What the mirror does to a request for an updateinfo file: 200 (null), a status, or a cut-off body.
    private int? _updateInfoStatus;
    private bool _truncateUpdateInfo;

    private async Task ServeMirrorAsync(HttpListenerContext context)
    {
        var path = Path.Combine(MirrorRoot, Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/'));
        var isUpdateInfo = path.EndsWith("-updateinfo.xml.gz", StringComparison.Ordinal);
        if (!File.Exists(path) || (isUpdateInfo && _updateInfoStatus is not null))
        {
            context.Response.StatusCode = File.Exists(path) ? _updateInfoStatus!.Value : 404;
            context.Response.Close();
            return;
        }

        var body = await File.ReadAllBytesAsync(path);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"";
        await FeedServer.RespondAsync(context, body, etag, truncate: isUpdateInfo && _truncateUpdateInfo);
    }

    private AdvisoryUpdater NewUpdater(SqliteAdvisoryStore store) => new(
        store,
        new HttpFeedContext(new HttpClient(), _server.BaseUrl, TimeProvider.System, NullLogger<HttpFeedContext>.Instance, maxAttempts: 3, initialBackoff: TimeSpan.FromMilliseconds(10)),
        NullLogger<AdvisoryUpdater>.Instance);

    private static Task<List<StoredAffected>> ReadAllAsync(SqliteAdvisoryStore store) => AdvisoryStoreReading.ReadAllAsync(store);

    private async Task<(SqliteAdvisoryStore Store, IReadOnlyDictionary<string, string> UpdateInfo, int Rows)> LoadedStoreAsync()
    {
        var updateInfo = await AmazonLinuxMirror.CreateAsync(MirrorRoot, CancellationToken.None);
        var store = new SqliteAdvisoryStore(_directory.Combine("vulndb.sqlite"), TimeProvider.System);
        var result = (await NewUpdater(store).UpdateAsync([Alas], CancellationToken.None)).Single();
        Assert.Equal(SourceUpdateOutcome.Updated, result.Outcome);
        return (store, updateInfo, (await ReadAllAsync(store)).Count);
    }

    [ToolFact("createrepo_c", "modifyrepo_c")]
    public async Task UpdateAsync_200_StoresEveryAlasOfBothReleases()
    {
        var (store, _, _) = await LoadedStoreAsync();

        // From the fixtures: one record per CVE reference of each update, one statement per package name.
        var expected = AmazonLinuxMirror.Releases
            .SelectMany(r => XDocument.Load(r.Fixture).Root!.Elements("update").Select(u => (r.Release, Update: u)))
            .SelectMany(x => x.Update.Descendants("reference").Select(reference => (
                Distribution: $"amzn:{x.Release}",
                Cve: (string)reference.Attribute("id")!,
                Names: x.Update.Descendants("package").Select(p => (string)p.Attribute("name")!).Distinct().Count())))
            .ToList();
        var rows = await ReadAllAsync(store);
        Assert.Equal(expected.Count, (await store.GetSourceStatusAsync(CancellationToken.None)).Single().RecordCount);
        Assert.Equal(expected.Sum(e => e.Names), rows.Count);
        Assert.Contains(rows, r => r.AdvisoryId == "CVE-2023-3817" && r.Package.Distribution == "amzn:2" && r.Package.Name == "openssl-libs" && r.Package.Ranges[0].Fixed == "1:1.0.2k-24.amzn2.0.9");
        Assert.Contains(rows, r => r.AdvisoryId == "CVE-2023-38545" && r.Package.Distribution == "amzn:2023" && r.Package.Name == "curl-minimal" && r.Package.Ranges[0].Fixed == "8.3.0-1.amzn2023.0.1");
        Assert.Contains(_server.Requests, r => r.Path.EndsWith("/mirror.list", StringComparison.Ordinal));
        Assert.Contains(_server.Requests, r => r.Path.EndsWith("/repodata/repomd.xml", StringComparison.Ordinal));
    }

    [ToolFact("createrepo_c", "modifyrepo_c")]
    public async Task UpdateAsync_304WithETag_IsUnchangedAndKeepsData()
    {
        var (store, _, rows) = await LoadedStoreAsync();

        var result = (await NewUpdater(store).UpdateAsync([Alas], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Unchanged, result.Outcome);
        var conditional = _server.Requests.Where(r => r.Path.EndsWith("-updateinfo.xml.gz", StringComparison.Ordinal)).TakeLast(2).ToList();
        Assert.All(conditional, r => Assert.NotNull(r.IfNoneMatch));
        Assert.Equal(rows, (await ReadAllAsync(store)).Count);
        Assert.Equal(1, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    [ToolFact("createrepo_c", "modifyrepo_c")]
    public async Task UpdateAsync_500_FailsAfterRetriesAndKeepsData()
    {
        var (store, _, rows) = await LoadedStoreAsync();
        _updateInfoStatus = 500;

        var result = (await NewUpdater(store).UpdateAsync([Alas], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Failed, result.Outcome);
        Assert.Contains("HTTP 500", result.Error, StringComparison.Ordinal);
        Assert.Equal(rows, (await ReadAllAsync(store)).Count);
        Assert.Contains("HTTP 500", (await store.GetSourceStatusAsync(CancellationToken.None)).Single().Error, StringComparison.Ordinal);
    }

    [ToolFact("createrepo_c", "modifyrepo_c")]
    public async Task UpdateAsync_TruncatedBody_FailsAndKeepsData()
    {
        var (store, updateInfo, rows) = await LoadedStoreAsync();
        await ReplaceAsync(updateInfo["2023"], text => text + "\n<!-- a new revision -->\n");
        _truncateUpdateInfo = true;

        var result = (await NewUpdater(store).UpdateAsync([Alas], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Failed, result.Outcome);
        Assert.Contains("cut off", result.Error, StringComparison.Ordinal);
        Assert.Equal(rows, (await ReadAllAsync(store)).Count);
        Assert.NotNull((await store.GetSourceStatusAsync(CancellationToken.None)).Single().Error);
    }

    [ToolFact("createrepo_c", "modifyrepo_c")]
    public async Task UpdateAsync_MalformedRecord_FailsNamingItAndKeepsData()
    {
        var (store, updateInfo, rows) = await LoadedStoreAsync();
        // The 2023 file's openssl update loses a package's version: the records before it parse, then the
        // update must roll back.
        await ReplaceAsync(updateInfo["2023"], text => text.Replace(
            "<package name=\"openssl-libs\" version=\"3.0.8\"", "<package name=\"openssl-libs\"", StringComparison.Ordinal));

        var result = (await NewUpdater(store).UpdateAsync([Alas], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Failed, result.Outcome);
        Assert.Contains("ALAS2023-2023-309", result.Error, StringComparison.Ordinal);
        Assert.Equal(rows, (await ReadAllAsync(store)).Count);
        Assert.Equal(1, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    // Rewrites a gzip-compressed updateinfo in place (the mirror then serves it with a new ETag).
    private static async Task ReplaceAsync(string gzipPath, Func<string, string> change)
    {
        string text;
        await using (var input = new GZipStream(File.OpenRead(gzipPath), CompressionMode.Decompress))
        using (var reader = new StreamReader(input))
        {
            text = await reader.ReadToEndAsync();
        }

        var changed = change(text);
        Assert.NotEqual(text, changed);
        await using var output = new GZipStream(File.Create(gzipPath), CompressionLevel.Fastest);
        await output.WriteAsync(Encoding.UTF8.GetBytes(changed));
    }
}
