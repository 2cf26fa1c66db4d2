using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

/// <summary>Several skopeo processes push images that share blobs, at the same time, into the same and different repositories.</summary>
public sealed class ConcurrentPushTests(RunningRegistry registry) : IClassFixture<RunningRegistry>
{
    [ToolFact(Skopeo.Program)]
    public async Task Copy_SharedBlobsFromSeveralClientsAtOnce_AllSucceedAndPullIdentical()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-concurrent");
        var layout = new OciLayoutBuilder(work.Combine("built"));

        // Two base layers every image shares (about 1 MiB each, so uploads overlap in time), one layer of its own.
        var shared1 = await layout.AddLayerAsync([LayerEntry.File("base/one.bin", TestImages.Bytes(1 << 20, "shared-1"))], LayerCompression.Gzip, ct);
        var shared2 = await layout.AddLayerAsync([LayerEntry.File("base/two.bin", TestImages.Bytes(1 << 20, "shared-2"))], LayerCompression.Gzip, ct);
        var images = new List<BuiltManifest>();
        for (var i = 0; i < 4; i++)
        {
            var own = await layout.AddLayerAsync([LayerEntry.File("app/id", $"image {i}\n")], LayerCompression.Gzip, ct);
            var image = await layout.AddImageAsync([shared1, shared2, own], TestImages.Amd64, ct);
            layout.Tag(image, $"v{i}");
            images.Add(image);
        }

        // Same repository, different tags; different repositories; and two clients pushing the very same image and tag.
        var pushes = new List<(int Image, string Reference)>();
        for (var i = 0; i < 4; i++)
        {
            pushes.Add((i, $"{registry.Host}/team/concurrent/app:v{i}"));
            pushes.Add((i, $"{registry.Host}/team/concurrent/app-{i}:v{i}"));
        }

        pushes.Add((0, $"{registry.Host}/team/concurrent/same:v0"));
        pushes.Add((0, $"{registry.Host}/team/concurrent/same:v0"));

        var results = await Task.WhenAll(pushes.Select(p => Skopeo.RunAsync(
            ["copy", "--dest-tls-verify=false", $"oci:{layout.Directory}:v{p.Image}", $"docker://{p.Reference}"], ct, check: false)));
        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"skopeo failed: {r.StandardError}\n{registry.Process.Output}"));

        foreach (var ((image, reference), n) in pushes.Select((p, n) => (p, n)).DistinctBy(x => x.p))
        {
            var pulled = work.Combine($"pulled-{n}");
            var tag = $"v{image}";
            await Skopeo.CopyAsync($"docker://{reference}", $"oci:{pulled}:{tag}", ct);
            RoundTrip.AssertIdentical(images[image], layout.Directory, pulled, tag);
        }
    }
}
