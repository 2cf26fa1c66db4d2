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

    [Fact]
    public async Task GetManifestAsync_ManyLargeDistinctManifests_KeptBytesStayWithinTheBudget()
    {
        using var harness = await RegistryHarness.CreateAsync();
        const long budget = 1024 * 1024;
        var cache = new CachingRegistryStore(harness.Store, budget);
        await cache.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var manifests = Enumerable.Range(0, 40).Select(i => Manifest($"m{i}", 100 * 1024)).ToList();
        foreach (var manifest in manifests)
        {
            await cache.PutManifestAsync(manifest, [], null, CancellationToken.None);
        }

        var maxKept = 0L;
        foreach (var manifest in manifests)
        {
            var read = await cache.GetManifestAsync("team/app", manifest.Digest, CancellationToken.None);
            Assert.Equal(manifest.Content, read!.Content);
            maxKept = Math.Max(maxKept, cache.CachedBytes);
        }

        // 40 × 100 KiB read once each is about 4 MiB; the cache never holds more than its 1 MiB.
        Assert.InRange(maxKept, 100 * 1024, budget);
        Assert.InRange(cache.CachedManifests, 1, (int)(budget / (100 * 1024)));
    }

    [Fact]
    public async Task GetManifestAsync_ManifestOverAnEighthOfTheBudget_ServedButNotKept()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var cache = new CachingRegistryStore(harness.Store, capacityBytes: 1024 * 1024);
        await cache.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var small = Manifest("small");
        var large = Manifest("large", 200 * 1024);
        await cache.PutManifestAsync(small, [], null, CancellationToken.None);
        await cache.PutManifestAsync(large, [], "big", CancellationToken.None);
        await cache.GetManifestAsync("team/app", small.Digest, CancellationToken.None);
        var keptBefore = cache.CachedBytes;

        var byDigest = await cache.GetManifestAsync("team/app", large.Digest, CancellationToken.None);
        var byTag = await cache.GetManifestByTagAsync("team/app", "big", CancellationToken.None);

        Assert.Equal(large.Content, byDigest!.Content);
        Assert.Equal(large.Digest, byTag!.Digest);
        Assert.Equal(1, cache.CachedManifests);
        Assert.Equal(keptBefore, cache.CachedBytes);
    }

    [Fact]
    public async Task DeleteManifestAsync_CachedManifest_ItsBytesAreReleased()
    {
        using var harness = await RegistryHarness.CreateAsync();
        var cache = new CachingRegistryStore(harness.Store);
        await cache.EnsureRepositoryAsync("team/app", "team", true, Now, CancellationToken.None);
        var manifest = Manifest("released", 10 * 1024);
        await cache.PutManifestAsync(manifest, [], null, CancellationToken.None);
        await cache.GetManifestAsync("team/app", manifest.Digest, CancellationToken.None);
        Assert.True(cache.CachedBytes >= 10 * 1024);

        await cache.DeleteManifestAsync("team/app", manifest.Digest, CancellationToken.None);

        Assert.Equal(0, cache.CachedBytes);
    }

    private static ManifestRecord Manifest(string text, int padding)
    {
        var content = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"n\":\"{text}\",\"pad\":\"{new string('x', padding)}\"}}");
        return new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, null, null, null, Now);
    }

    private static ManifestRecord Manifest(string text)
    {
        var content = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"n\":\"{text}\"}}");
        return new ManifestRecord("team/app", Digest.Compute(content), MediaTypes.OciManifest, content, null, null, null, Now);
    }
}
