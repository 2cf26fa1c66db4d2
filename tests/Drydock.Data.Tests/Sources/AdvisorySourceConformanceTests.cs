using System.Net;
using System.Security.Cryptography;
using Drydock.Data.Sqlite;
using Drydock.Data.Tests.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;
using Drydock.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Data.Tests.Sources;

/// <summary>
/// What every advisory source must do through the real updater and store, fetching over HTTP from a local
/// mirror (<c>{mirror}/{host}/{path}</c>, served with ETags) that a sealed subclass fills with the source's
/// documents: store its records on a 200; be unchanged on 304s; and on a 500, a truncated body or a broken
/// record fail with a clear error while the previous data stays in force.
/// </summary>
public abstract class AdvisorySourceConformanceTests : IDisposable
{
    private readonly FeedServer _server = new();
    private int? _status;
    private bool _truncate;

    protected AdvisorySourceConformanceTests()
    {
        _server.Handler = ServeAsync;
    }

    /// <summary>The source under test, by name.</summary>
    protected abstract string SourceName { get; }

    /// <summary>Text the error of a broken record must contain (the record's id).</summary>
    protected abstract string BrokenRecord { get; }

    protected TempDirectory Directory { get; } = new("drydock-source");

    protected string MirrorRoot => Directory.Combine("mirror");

    /// <summary>Writes the source's documents under <see cref="MirrorRoot"/> where the upstream has them.</summary>
    protected abstract Task WriteMirrorAsync(CancellationToken cancellationToken);

    /// <summary>Rewrites a document of the mirror so that one record (<see cref="BrokenRecord"/>) is malformed.</summary>
    protected abstract Task BreakOneRecordAsync(CancellationToken cancellationToken);

    public void Dispose()
    {
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Dispose();
        GC.SuppressFinalize(this);
    }

    private IAdvisorySource Source => BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == SourceName);

    // Index documents (mirror lists) are small; a truncated download is a document cut in half.
    private const int TruncatedAbove = 1024;

    private async Task ServeAsync(HttpListenerContext context)
    {
        var path = Path.Combine(MirrorRoot, Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/'));
        if (_status is { } status || !File.Exists(path))
        {
            context.Response.StatusCode = _status ?? 404;
            context.Response.Close();
            return;
        }

        var body = await File.ReadAllBytesAsync(path);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"";
        var truncate = _truncate && body.Length > TruncatedAbove;
        // A truncating mirror answers in full even to a conditional request: the download is what breaks.
        await FeedServer.RespondAsync(context, body, truncate ? "\"never\"" : etag, truncate);
    }

    private AdvisoryUpdater NewUpdater(SqliteAdvisoryStore store) => new(
        store,
        new HttpFeedContext(new HttpClient(), _server.BaseUrl, TimeProvider.System, NullLogger<HttpFeedContext>.Instance, maxAttempts: 2, initialBackoff: TimeSpan.FromMilliseconds(10)),
        NullLogger<AdvisoryUpdater>.Instance);

    protected async Task<(SqliteAdvisoryStore Store, int Rows)> LoadedStoreAsync()
    {
        await WriteMirrorAsync(CancellationToken.None);
        var store = new SqliteAdvisoryStore(Directory.Combine("vulndb.sqlite"), TimeProvider.System);
        var result = (await NewUpdater(store).UpdateAsync([Source], CancellationToken.None)).Single();
        Assert.True(result.Outcome == SourceUpdateOutcome.Updated, result.Error);
        return (store, (await AdvisoryStoreReading.ReadAllAsync(store)).Count);
    }

    private static async Task AssertKeptAsync(SqliteAdvisoryStore store, int rows, SourceUpdateResult result)
    {
        Assert.Equal(SourceUpdateOutcome.Failed, result.Outcome);
        Assert.Equal(rows, (await AdvisoryStoreReading.ReadAllAsync(store)).Count);
        Assert.Equal(1, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
        var status = (await store.GetSourceStatusAsync(CancellationToken.None)).Single();
        Assert.Equal(result.Error, status.Error);
        Assert.True(status.LastAttempt > status.LastSuccess);
    }

    [Fact]
    public async Task UpdateAsync_200_StoresStatements()
    {
        var (store, rows) = await LoadedStoreAsync();

        Assert.True(rows > 0);
        var status = (await store.GetSourceStatusAsync(CancellationToken.None)).Single();
        Assert.Null(status.Error);
        Assert.True(status.RecordCount > 0);
    }

    [Fact]
    public async Task UpdateAsync_304WithETag_IsUnchangedAndKeepsData()
    {
        var (store, rows) = await LoadedStoreAsync();
        var before = _server.Requests.Count;

        var result = (await NewUpdater(store).UpdateAsync([Source], CancellationToken.None)).Single();

        Assert.Equal(SourceUpdateOutcome.Unchanged, result.Outcome);
        Assert.Contains(_server.Requests.Skip(before), r => r.IfNoneMatch is not null);
        Assert.Equal(rows, (await AdvisoryStoreReading.ReadAllAsync(store)).Count);
        Assert.Equal(1, (await store.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    [Fact]
    public async Task UpdateAsync_500_FailsAfterRetriesAndKeepsData()
    {
        var (store, rows) = await LoadedStoreAsync();
        _status = 500;

        var result = (await NewUpdater(store).UpdateAsync([Source], CancellationToken.None)).Single();

        Assert.Contains("HTTP 500", result.Error, StringComparison.Ordinal);
        await AssertKeptAsync(store, rows, result);
    }

    [Fact]
    public async Task UpdateAsync_TruncatedBody_FailsAndKeepsData()
    {
        var (store, rows) = await LoadedStoreAsync();
        _truncate = true;

        var result = (await NewUpdater(store).UpdateAsync([Source], CancellationToken.None)).Single();

        Assert.Contains("cut off", result.Error, StringComparison.Ordinal);
        await AssertKeptAsync(store, rows, result);
    }

    [Fact]
    public async Task UpdateAsync_MalformedRecord_FailsNamingItAndKeepsData()
    {
        var (store, rows) = await LoadedStoreAsync();
        await BreakOneRecordAsync(CancellationToken.None);

        var result = (await NewUpdater(store).UpdateAsync([Source], CancellationToken.None)).Single();

        Assert.Contains(BrokenRecord, result.Error, StringComparison.Ordinal);
        await AssertKeptAsync(store, rows, result);
    }
}
