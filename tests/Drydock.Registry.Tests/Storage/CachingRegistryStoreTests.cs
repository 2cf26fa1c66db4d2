using System.Text;
using Drydock.Oci;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Tests.Storage;

public sealed class CachingRegistryStoreTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public async Task GetManifestByTagAsync_TagMovedThroughCache_ReturnsNewManifest()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var cache = new CachingRegistryStore(harness.Store);
        await cache.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var first = Manifest("one");
        var second = Manifest("two");
        await cache.PutManifestAsync(first, [], "latest", CancellationToken.None);
        Assert.Equal(first.Digest, (await cache.GetManifestByTagAsync("team/app", "latest", CancellationToken.None))!.Digest);

        await cache.PutManifestAsync(second, [], "latest", CancellationToken.None);

        Assert.Equal(second.Digest, (await cache.GetManifestByTagAsync("team/app", "latest", CancellationToken.None))!.Digest);
    }

    [Fact]
    public async Task GetManifestAsync_AfterDelete_ReturnsNullAndTagIsGone()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var cache = new CachingRegistryStore(harness.Store);
        await cache.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var manifest = Manifest("gone");
        await cache.PutManifestAsync(manifest, [], "v1", CancellationToken.None);
        await cache.GetManifestByTagAsync("team/app", "v1", CancellationToken.None);

        await cache.DeleteManifestAsync("team/app", manifest.Digest, CancellationToken.None);

        Assert.Null(await cache.GetManifestAsync("team/app", manifest.Digest, CancellationToken.None));
        Assert.Null(await cache.GetManifestByTagAsync("team/app", "v1", CancellationToken.None));
    }

    [Fact]
    public async Task GetManifestByTagAsync_AfterTagDelete_ReturnsNull()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var cache = new CachingRegistryStore(harness.Store);
        await cache.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        await cache.PutManifestAsync(Manifest("t"), [], "v1", CancellationToken.None);
        await cache.GetManifestByTagAsync("team/app", "v1", CancellationToken.None);

        await cache.DeleteTagAsync("team/app", "v1", CancellationToken.None);

        Assert.Null(await cache.GetManifestByTagAsync("team/app", "v1", CancellationToken.None));
    }

    [Fact]
    public async Task GetManifestByTagAsync_ConcurrentTagMoves_EndsOnLastWrite()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var cache = new CachingRegistryStore(harness.Store);
        await cache.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var manifests = Enumerable.Range(0, 20).Select(i => Manifest($"m{i}")).ToList();

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await cache.GetManifestByTagAsync("team/app", "latest", CancellationToken.None);
            }
        }));
        foreach (var manifest in manifests)
        {
            await cache.PutManifestAsync(manifest, [], "latest", CancellationToken.None);
        }

        await Task.WhenAll(readers);

        Assert.Equal(manifests[^1].Digest, (await cache.GetManifestByTagAsync("team/app", "latest", CancellationToken.None))!.Digest);
    }

    private static ManifestRecord Manifest(string text)
    {
        var content = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"n\":\"{text}\"}}");
        return new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, null, null, null, Now);
    }
}
