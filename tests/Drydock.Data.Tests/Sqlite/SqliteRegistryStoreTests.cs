using System.Security.Cryptography;
using System.Text;
using Drydock.Data.Sqlite;
using Drydock.Oci;
using Drydock.Registry.Storage;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteRegistryStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("drydock-store");
    private SqliteRegistryStore _store = null!;
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        _store = new SqliteRegistryStore(database);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ListNamespacesAsync_NoNamespaceYet_Empty()
    {
        Assert.Empty(await _store.ListNamespacesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EnsureRepositoryAsync_CreatesNamespaceWhenAllowed()
    {
        Assert.True(await _store.EnsureRepositoryAsync("team/app", "team", createNamespace: true, Now, CancellationToken.None));

        var ns = await _store.GetNamespaceAsync("team", CancellationToken.None);
        Assert.NotNull(ns);
        Assert.Equal(1, ns.RepositoryCount);
        Assert.Equal("{}", ns.SettingsJson);
        Assert.Equal(Now, ns.CreatedAt);
    }

    [Fact]
    public async Task EnsureRepositoryAsync_UnknownNamespaceNotAllowed_CreatesNothing()
    {
        Assert.False(await _store.EnsureRepositoryAsync("team/app", "team", createNamespace: false, Now, CancellationToken.None));

        Assert.Null(await _store.GetNamespaceAsync("team", CancellationToken.None));
        Assert.False(await _store.RepositoryExistsAsync("team/app", CancellationToken.None));
    }

    [Fact]
    public async Task PutManifestAsync_ThenGetByTagAndDigest_ReturnsExactBytesAndFields()
    {
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes("{\"schemaVersion\":2}");
        var subject = Digest.Compute([1]);
        var record = new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, "application/x-art", subject, "{\"a\":\"b\"}", Now);

        await _store.LinkBlobAsync("team/app", Digest.Compute([2]), 1, Now, CancellationToken.None);

        Assert.Empty(await _store.PutManifestAsync(record, [new ManifestReferenceRecord(Digest.Compute([2]), ManifestReferenceKind.Blob)], "v1", CancellationToken.None));

        var byTag = await _store.GetManifestByTagAsync("team/app", "v1", CancellationToken.None);
        var byDigest = await _store.GetManifestAsync("team/app", record.Digest, CancellationToken.None);
        Assert.Equal(record with { Content = byTag!.Content }, byTag);
        Assert.Equal(content, byTag.Content);
        Assert.Equal(content, byDigest!.Content);
        var referenced = new List<Digest>();
        await foreach (var digest in _store.EnumerateReferencedBlobsAsync(CancellationToken.None))
        {
            referenced.Add(digest);
        }

        Assert.Equal([Digest.Compute([2])], referenced);
    }

    [Fact]
    public async Task DeleteManifestAsync_RemovesTagsAndReferences()
    {
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes("{}");
        var digest = Digest.Compute(content);
        await _store.LinkBlobAsync("team/app", Digest.Compute([2]), 1, Now, CancellationToken.None);
        await _store.PutManifestAsync(
            new ManifestRecord("team/app", digest, MediaTypes.OciManifest, content, null, null, null, Now),
            [new ManifestReferenceRecord(Digest.Compute([2]), ManifestReferenceKind.Blob)],
            "v1",
            CancellationToken.None);

        Assert.True(await _store.DeleteManifestAsync("team/app", digest, CancellationToken.None));

        Assert.Null(await _store.GetManifestByTagAsync("team/app", "v1", CancellationToken.None));
        Assert.Empty((await _store.ListTagsAsync("team/app", null, 100, CancellationToken.None))!);
        await foreach (var unexpected in _store.EnumerateReferencedBlobsAsync(CancellationToken.None))
        {
            Assert.Fail($"{unexpected} is still referenced");
        }
    }

    [Fact]
    public async Task PutManifestAsync_ReferenceNotInRepository_StoresNothingAndReturnsIt()
    {
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes("{}");
        var absent = Digest.Compute([8]);

        var missing = await _store.PutManifestAsync(
            new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, null, null, null, Now),
            [new ManifestReferenceRecord(absent, ManifestReferenceKind.Blob)],
            "v1",
            CancellationToken.None);

        Assert.Equal([absent], missing);
        Assert.Null(await _store.GetManifestAsync("team/app", Digest.Compute(content), CancellationToken.None));
        Assert.Empty((await _store.ListTagsAsync("team/app", null, 10, CancellationToken.None))!);
    }

    [Fact]
    public async Task PutManifestAsync_AfterBlobForgotten_Refused()
    {
        // Garbage collection forgot the blob after a client saw it: the manifest must not land referencing it.
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var blob = Digest.Compute([6]);
        await _store.LinkBlobAsync("team/app", blob, 1, Now, CancellationToken.None);
        Assert.True(await _store.ForgetUnreferencedBlobAsync(blob, Now, CancellationToken.None));
        var content = Encoding.UTF8.GetBytes("{\"late\":1}");

        var missing = await _store.PutManifestAsync(
            new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, null, null, null, Now),
            [new ManifestReferenceRecord(blob, ManifestReferenceKind.Blob)],
            null,
            CancellationToken.None);

        Assert.Equal([blob], missing);
    }

    [Fact]
    public async Task ForgetUnreferencedBlobAsync_LinkedWithinGracePeriod_Kept()
    {
        // A push in progress: the blob is linked, its manifest is not there yet.
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var blob = Digest.Compute([7]);
        await _store.LinkBlobAsync("team/app", blob, 1, Now, CancellationToken.None);

        Assert.False(await _store.ForgetUnreferencedBlobAsync(blob, Now.AddHours(-1), CancellationToken.None));
        Assert.Equal(1, await _store.GetLinkedBlobSizeAsync("team/app", blob, CancellationToken.None));
        Assert.True(await _store.ForgetUnreferencedBlobAsync(blob, Now, CancellationToken.None));
    }

    [Fact]
    public async Task ForgetUnreferencedBlobAsync_ReferencedBlob_Kept()
    {
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var blob = Digest.Compute([5]);
        await _store.LinkBlobAsync("team/app", blob, 1, Now, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes("{}");
        await _store.PutManifestAsync(
            new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, null, null, null, Now),
            [new ManifestReferenceRecord(blob, ManifestReferenceKind.Blob)],
            null,
            CancellationToken.None);

        Assert.False(await _store.ForgetUnreferencedBlobAsync(blob, Now, CancellationToken.None));
        Assert.Equal(1, await _store.GetLinkedBlobSizeAsync("team/app", blob, CancellationToken.None));
    }

    [Fact]
    public async Task FindMissingAsync_BlobsAndChildManifests_ReportsOnlyAbsentOnes()
    {
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var present = Digest.Compute([1]);
        await _store.LinkBlobAsync("team/app", present, 1, Now, CancellationToken.None);
        var absentBlob = Digest.Compute([2]);
        var absentManifest = Digest.Compute([3]);

        var missing = await _store.FindMissingAsync(
            "team/app",
            [new(present, ManifestReferenceKind.Blob), new(absentBlob, ManifestReferenceKind.Blob), new(present, ManifestReferenceKind.Manifest), new(absentManifest, ManifestReferenceKind.Manifest)],
            CancellationToken.None);

        Assert.Equal([absentBlob, present, absentManifest], missing);
    }

    [Fact]
    public async Task ConcurrentWriters_SameBlobsManifestAndTagFromEightTasks_AllSucceed()
    {
        var blobs = Enumerable.Range(0, 20).Select(i => Digest.Compute(BitConverter.GetBytes(i))).ToList();
        var content = RandomNumberGenerator.GetBytes(512);
        var digest = Digest.Compute(content);
        var references = blobs.Select(b => new ManifestReferenceRecord(b, ManifestReferenceKind.Blob)).ToList();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            Assert.True(await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None));
            foreach (var blob in blobs)
            {
                await _store.LinkBlobAsync("team/app", blob, 1, Now, CancellationToken.None);
            }

            Assert.Empty(await _store.FindMissingAsync("team/app", references, CancellationToken.None));
            await _store.PutManifestAsync(
                new ManifestRecord("team/app", digest, MediaTypes.OciManifest, content, null, null, null, Now), references, "latest", CancellationToken.None);
        })));

        Assert.Equal(content, (await _store.GetManifestByTagAsync("team/app", "latest", CancellationToken.None))!.Content);
        Assert.Equal(["latest"], await _store.ListTagsAsync("team/app", null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ListTagsAsync_Paging_ReturnsLexicalPagesAfterLast()
    {
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes("{}");
        var record = new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, null, null, null, Now);
        foreach (var tag in new[] { "c", "a", "b", "B" })
        {
            await _store.PutManifestAsync(record, [], tag, CancellationToken.None);
        }

        Assert.Equal(["B", "a"], await _store.ListTagsAsync("team/app", null, 2, CancellationToken.None));
        Assert.Equal(["b", "c"], await _store.ListTagsAsync("team/app", "a", 2, CancellationToken.None));
        Assert.Null(await _store.ListTagsAsync("team/none", null, 2, CancellationToken.None));
    }

    [Fact]
    public async Task UploadSessions_CreateGetListDelete_RoundTrip()
    {
        var session = new UploadSession("abc-1", "team/app", Now);

        await _store.CreateUploadAsync(session, CancellationToken.None);

        Assert.Equal(session, await _store.GetUploadAsync("abc-1", CancellationToken.None));
        Assert.Equal([session], await _store.ListUploadsAsync(CancellationToken.None));
        await _store.DeleteUploadAsync("abc-1", CancellationToken.None);
        Assert.Null(await _store.GetUploadAsync("abc-1", CancellationToken.None));
    }

    [Fact]
    public async Task ListReferrersAsync_FiltersBySubjectAndArtifactType()
    {
        await _store.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var subject = Digest.Compute([42]);
        foreach (var (text, type) in new[] { ("{\"a\":1}", "x/sig"), ("{\"a\":2}", "x/sbom"), ("{\"a\":3}", (string?)null) })
        {
            var content = Encoding.UTF8.GetBytes(text);
            await _store.PutManifestAsync(
                new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, type, type is null ? null : subject, null, Now), [], null, CancellationToken.None);
        }

        Assert.Equal(2, (await _store.ListReferrersAsync("team/app", subject, null, CancellationToken.None)).Count);
        var sig = Assert.Single(await _store.ListReferrersAsync("team/app", subject, "x/sig", CancellationToken.None));
        Assert.Equal(Digest.Compute(Encoding.UTF8.GetBytes("{\"a\":1}")), sig.Digest);
    }
}
