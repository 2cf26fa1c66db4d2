using System.IO.Pipelines;
using System.Text;
using Drydock.Oci;
using Drydock.Registry.Names;

namespace Drydock.Registry.Tests.GarbageCollection;

public sealed class GarbageCollectorTests
{
    private static readonly RepositoryName Repository = RepositoryName.TryParse("team/app", out var name) ? name : throw new InvalidOperationException();

    [Fact]
    public async Task RunAsync_AfterManifestDeleted_RemovesOnlyUnreferencedBlobs()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var shared = await PushBlobAsync(harness, "shared layer");
        var keptConfig = await PushBlobAsync(harness, "{\"kept\":1}");
        var goneConfig = await PushBlobAsync(harness, "{\"gone\":1}");
        var goneLayer = await PushBlobAsync(harness, "only in the deleted image");
        await PushManifestAsync(harness, "kept", keptConfig, shared);
        var deleted = await PushManifestAsync(harness, "gone", goneConfig, shared, goneLayer);
        await harness.Manifests.DeleteAsync(Repository, ManifestReference.ForDigest(deleted), CancellationToken.None);
        harness.Clock.Offset = TimeSpan.FromHours(2);

        var report = await harness.Collector.RunAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(new[] { goneConfig, goneLayer }.OrderBy(d => d.Hex), report.Removed.Select(b => b.Digest).OrderBy(d => d.Hex));
        foreach (var kept in new[] { shared, keptConfig })
        {
            Assert.NotNull(await harness.Blobs.StatAsync(kept, CancellationToken.None));
            Assert.True((await harness.BlobService.StatAsync(Repository, kept, CancellationToken.None)).Succeeded);
        }

        Assert.Null(await harness.Blobs.StatAsync(goneLayer, CancellationToken.None));
        Assert.False((await harness.BlobService.StatAsync(Repository, goneLayer, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsButRemovesNothing()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var loose = await PushBlobAsync(harness, "never referenced");
        harness.Clock.Offset = TimeSpan.FromHours(2);

        var report = await harness.Collector.RunAsync(dryRun: true, CancellationToken.None);

        Assert.Equal([loose], report.Removed.Select(b => b.Digest));
        Assert.NotNull(await harness.Blobs.StatAsync(loose, CancellationToken.None));
        Assert.True((await harness.BlobService.StatAsync(Repository, loose, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task RunAsync_UnreferencedButWithinGracePeriod_Kept()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var pending = await PushBlobAsync(harness, "layer of a push in progress");

        var report = await harness.Collector.RunAsync(dryRun: false, CancellationToken.None);

        Assert.Empty(report.Removed);
        Assert.Equal(1, report.TooRecent);
        Assert.NotNull(await harness.Blobs.StatAsync(pending, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_BlobReferencedByUntaggedManifest_Kept()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var config = await PushBlobAsync(harness, "{}");
        var layer = await PushBlobAsync(harness, "layer");
        await PushManifestAsync(harness, "v1", config, layer);
        await harness.Manifests.DeleteAsync(Repository, (ManifestReference.TryParse("v1", out var tag) ? tag : null)!, CancellationToken.None);
        harness.Clock.Offset = TimeSpan.FromHours(2);

        var report = await harness.Collector.RunAsync(dryRun: false, CancellationToken.None);

        Assert.Empty(report.Removed);
        Assert.Equal(2, report.Referenced);
    }

    private static async Task<Digest> PushBlobAsync(RegistryHarness harness, string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        var digest = Digest.Compute(content);
        var result = await harness.Uploads.UploadMonolithicAsync(Repository, digest.ToString(), content.Length, PipeReader.Create(new MemoryStream(content)), CancellationToken.None);
        Assert.True(result.Succeeded);
        return digest;
    }

    private static async Task<Digest> PushManifestAsync(RegistryHarness harness, string tag, Digest config, params Digest[] layers)
    {
        var layerJson = string.Join(',', layers.Select(l => $$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"{{l}}","size":1}"""));
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{config}}","size":1},"layers":[{{layerJson}}]}
            """);
        Assert.True(ManifestReference.TryParse(tag, out var reference));
        var result = await harness.Manifests.PutAsync(Repository, reference, "application/vnd.oci.image.manifest.v1+json", manifest, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Value.Digest;
    }
}
