using System.IO.Pipelines;
using Drydock.Oci;
using Drydock.Registry.Names;

namespace Drydock.Registry.Tests.Uploads;

public sealed class UploadServiceTests
{
    private static readonly RepositoryName Repository = Name("team/app");

    [Fact]
    public async Task AppendAsync_ChunkNotAtEnd_ReturnsRangeInvalid()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var upload = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;
        await harness.Uploads.AppendAsync(Repository, upload.Id, "0-4", 5, PipeReader.Create(new MemoryStream(new byte[5])), CancellationToken.None);

        var result = await harness.Uploads.AppendAsync(Repository, upload.Id, "0-4", 5, PipeReader.Create(new MemoryStream(new byte[5])), CancellationToken.None);

        Assert.Equal("RANGE_INVALID", result.Error!.Code.Code);
        var status = await harness.Uploads.GetStatusAsync(Repository, upload.Id, CancellationToken.None);
        Assert.Equal(5, status.Value!.Length);
    }

    [Fact]
    public async Task AppendAsync_ContentLengthDisagreesWithRange_ReturnsRangeInvalid()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var upload = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;

        var result = await harness.Uploads.AppendAsync(Repository, upload.Id, "0-9", 5, PipeReader.Create(new MemoryStream(new byte[5])), CancellationToken.None);

        Assert.Equal("RANGE_INVALID", result.Error!.Code.Code);
    }

    [Fact]
    public async Task CompleteAsync_Verified_BlobLinkedToRepositoryAndSessionGone()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var content = new byte[] { 1, 2, 3, 4, 5, 6 };
        var upload = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;
        await harness.Uploads.AppendAsync(Repository, upload.Id, "0-2", 3, PipeReader.Create(new MemoryStream(content[..3])), CancellationToken.None);

        var blob = await harness.Uploads.CompleteAsync(Repository, upload.Id, Digest.Compute(content).ToString(), "3-5", 3, PipeReader.Create(new MemoryStream(content[3..])), CancellationToken.None);

        Assert.True(blob.Succeeded);
        Assert.Equal(6, (await harness.BlobService.StatAsync(Repository, Digest.Compute(content), CancellationToken.None)).Value!.Size);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", (await harness.Uploads.GetStatusAsync(Repository, upload.Id, CancellationToken.None)).Error!.Code.Code);
    }

    [Fact]
    public async Task MountAsync_SourceHasBlob_LinksWithoutUpload()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var content = new byte[] { 9, 8, 7 };
        var digest = Digest.Compute(content).ToString();
        await harness.Uploads.UploadMonolithicAsync(Repository, digest, 3, PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
        var target = Name("other/app");

        var mounted = await harness.Uploads.MountAsync(target, digest, Repository.Value, CancellationToken.None);

        Assert.True(mounted.Value!.Mounted);
        Assert.True((await harness.BlobService.StatAsync(target, Digest.Parse(digest), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task MountAsync_NoFrom_StartsASession()
    {
        using var harness = await RegistryHarness.CreateAsync();

        var mounted = await harness.Uploads.MountAsync(Repository, Digest.Compute([1]).ToString(), null, CancellationToken.None);

        Assert.False(mounted.Value!.Mounted);
        Assert.NotNull(mounted.Value.Upload);
    }

    [Fact]
    public async Task CleanUpAsync_ExpiredSessionAndOrphanFile_RemovedAndFreshSessionKept()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var fresh = (await harness.Uploads.StartAsync(Repository, CancellationToken.None)).Value!;
        var orphan = Path.Combine(harness.Directory.Path, "uploads", Guid.NewGuid().ToString("D"));
        await File.WriteAllBytesAsync(orphan, [1]);

        var removed = await harness.Uploads.CleanUpAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(orphan));
        Assert.True((await harness.Uploads.GetStatusAsync(Repository, fresh.Id, CancellationToken.None)).Succeeded);

        harness.Clock.Offset = harness.Options.UploadExpiry + TimeSpan.FromMinutes(1);
        Assert.Equal(1, await harness.Uploads.CleanUpAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False((await harness.Uploads.GetStatusAsync(Repository, fresh.Id, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task CleanUpAsync_OrphanYoungerThanMinimumAge_Kept()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var orphan = Path.Combine(harness.Directory.Path, "uploads", Guid.NewGuid().ToString("D"));
        await File.WriteAllBytesAsync(orphan, [1]);

        var removed = await harness.Uploads.CleanUpAsync(TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.True(File.Exists(orphan));
    }

    [Fact]
    public async Task StartAsync_ExplicitNamespacesAndUnknownNamespace_Denied()
    {
        using var harness = await RegistryHarness.CreateAsync(new RegistryOptions { ExplicitNamespaces = true });

        var refused = await harness.Uploads.StartAsync(Repository, CancellationToken.None);
        await harness.Namespaces.CreateAsync("team", null, CancellationToken.None);
        var accepted = await harness.Uploads.StartAsync(Repository, CancellationToken.None);

        Assert.Equal("DENIED", refused.Error!.Code.Code);
        Assert.True(accepted.Succeeded);
    }

    private static RepositoryName Name(string value) => RepositoryName.TryParse(value, out var name) ? name : throw new ArgumentException(value);
}
