using System.Text.Json.Nodes;
using Drydock.Oci.Layers;
using Drydock.Oci.Manifests;
using Drydock.Oci.Sources;
using Drydock.Testing;
using Drydock.Testing.Images;

namespace Drydock.Oci.Tests.Sources;

/// <summary>The local sources: OCI layout, oci-archive and docker-archive (legacy and OCI inside).</summary>
public sealed class LayoutSourceTests
{
    [Fact]
    public async Task ResolveAsync_TrivyOciLayout_GivesTheManifestAndItsLayer()
    {
        var layout = TestPaths.Shared("images", "trivy-test.oci");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "blobs", "sha256", "afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab")))!;

        await using var source = await OpenAsync($"oci:{layout}");
        var image = await source.ResolveAsync(CancellationToken.None);

        Assert.Equal("sha256:afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab", image.ManifestDigest);
        Assert.Equal(
            manifest["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()),
            image.Layers.Select(l => l.Digest.ToString()));
        Assert.NotEmpty(await EntriesAsync(source, image.Layers[0]));
    }

    [Fact]
    public async Task ResolveAsync_OciArchiveOfALayout_ReadsItInPlace()
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("image.tar");
        await ExternalTool.RunAsync("tar", ["-C", TestPaths.Shared("images", "trivy-test.oci"), "-cf", archive, "."], CancellationToken.None);

        await using var source = await OpenAsync($"oci-archive:{archive}");
        var image = await source.ResolveAsync(CancellationToken.None);

        Assert.Equal("sha256:afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab", image.ManifestDigest);
        Assert.NotEmpty(await EntriesAsync(source, image.Layers[0]));
    }

    [Fact]
    public async Task ResolveAsync_LayoutWithSeveralNames_ChoosesByRefName()
    {
        using var temp = new TempDirectory();
        await new TestImageBuilder().AddLayer(l => l.File("one", "1")).WriteOciLayoutAsync(temp.Path, CancellationToken.None, refName: "one");
        var first = JsonNode.Parse(await File.ReadAllTextAsync(temp.Combine("index.json")))!["manifests"]![0]!.DeepClone();
        var second = await new TestImageBuilder().AddLayer(l => l.File("two", "2")).WriteOciLayoutAsync(temp.Path, CancellationToken.None, refName: "two");
        var index = JsonNode.Parse(await File.ReadAllTextAsync(temp.Combine("index.json")))!;
        index["manifests"]!.AsArray().Add(first);
        await File.WriteAllTextAsync(temp.Combine("index.json"), index.ToJsonString());

        await using var named = await OpenAsync($"oci:{temp.Path}:two");
        await using var unnamed = await OpenAsync($"oci:{temp.Path}");
        await using var missing = await OpenAsync($"oci:{temp.Path}:three");

        Assert.Equal(second.ManifestDigest, (await named.ResolveAsync(CancellationToken.None)).ManifestDigest);
        var ambiguous = await Assert.ThrowsAsync<InvalidOperationException>(() => unnamed.ResolveAsync(CancellationToken.None));
        Assert.Contains("two, one", ambiguous.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => missing.ResolveAsync(CancellationToken.None));
        Assert.Contains("no image named 'three'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_IndexOfPlatforms_ChoosesTheAskedPlatformOrAmd64()
    {
        using var temp = new TempDirectory();
        var amd64 = await new TestImageBuilder().AddLayer(l => l.File("arch", "amd64")).WriteOciLayoutAsync(temp.Path, CancellationToken.None, architecture: "amd64");
        var arm64 = await new TestImageBuilder().AddLayer(l => l.File("arch", "arm64")).WriteOciLayoutAsync(temp.Path, CancellationToken.None, architecture: "arm64");
        var platformIndex = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JsonArray(
                Descriptor(arm64.ManifestDigest, temp.Path, "arm64", "v8"),
                Descriptor(amd64.ManifestDigest, temp.Path, "amd64", null)),
        };
        var indexBytes = System.Text.Encoding.UTF8.GetBytes(platformIndex.ToJsonString());
        var indexDigest = Digest.Compute(indexBytes);
        await File.WriteAllBytesAsync(temp.Combine("blobs", "sha256", indexDigest.Hex), indexBytes);
        await File.WriteAllTextAsync(temp.Combine("index.json"), new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject { ["mediaType"] = MediaTypes.OciIndex, ["digest"] = indexDigest.ToString(), ["size"] = indexBytes.Length }),
        }.ToJsonString());

        await using var byDefault = await OpenAsync($"oci:{temp.Path}");
        await using var arm = await OpenAsync($"oci:{temp.Path}", new ImageSourceOptions { Platform = Platform.Parse("linux/arm64") });
        await using var riscv = await OpenAsync($"oci:{temp.Path}", new ImageSourceOptions { Platform = Platform.Parse("linux/riscv64") });

        var chosen = await byDefault.ResolveAsync(CancellationToken.None);
        Assert.Equal(amd64.ManifestDigest, chosen.ManifestDigest);
        Assert.Equal(indexDigest.ToString(), chosen.IndexDigest);
        Assert.Equal("linux/amd64", chosen.Platform?.ToString());
        Assert.Equal(arm64.ManifestDigest, (await arm.ResolveAsync(CancellationToken.None)).ManifestDigest);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => riscv.ResolveAsync(CancellationToken.None));
        Assert.Contains("linux/arm64/v8, linux/amd64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_LegacyDockerSave_VerifiesLayersAgainstDiffIds()
    {
        await using var source = await OpenAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}");
        var image = await source.ResolveAsync(CancellationToken.None);

        var layer = Assert.Single(image.Layers);
        Assert.Equal("sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028", layer.Digest.ToString());
        Assert.Equal("linux/amd64", image.Platform?.ToString());
        Assert.Contains(await EntriesAsync(source, layer), e => e == "lib/apk/db/installed");
    }

    [Fact]
    public async Task ResolveAsync_DockerSaveWithOciLayoutInside_ReadsTheBlobsItNames()
    {
        // Docker 25+ writes an OCI layout plus a manifest.json whose Layers are blobs/sha256/… paths.
        using var temp = new TempDirectory();
        var built = await new TestImageBuilder().AddLayer(l => l.File("etc/hostname", "x"), uncompressed: true).WriteOciLayoutAsync(temp.Combine("layout"), CancellationToken.None);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(temp.Combine("layout", "blobs", "sha256", built.ManifestDigest["sha256:".Length..])))!;
        var config = manifest["config"]!["digest"]!.GetValue<string>();
        await File.WriteAllTextAsync(temp.Combine("layout", "manifest.json"), new JsonArray(new JsonObject
        {
            ["Config"] = $"blobs/sha256/{config["sha256:".Length..]}",
            ["RepoTags"] = new JsonArray("test:latest"),
            ["Layers"] = new JsonArray($"blobs/sha256/{built.LayerDigests[0]["sha256:".Length..]}"),
        }).ToJsonString());
        await ExternalTool.RunAsync("tar", ["-C", temp.Combine("layout"), "-cf", temp.Combine("save.tar"), "."], CancellationToken.None);

        await using var source = await OpenAsync($"docker-archive:{temp.Combine("save.tar")}");
        var image = await source.ResolveAsync(CancellationToken.None);

        Assert.Equal(built.LayerDigests, image.Layers.Select(l => l.Digest.ToString()));
        Assert.Equal(["etc/hostname"], await EntriesAsync(source, image.Layers[0]));
    }

    [Fact]
    public async Task OpenAsync_DockerArchiveOfARootFilesystem_SaysItIsNoImageArchiveNotThatIndexJsonIsMissing()
    {
        // A tar of a root filesystem, made with tar: what `docker export` writes, not `docker save`.
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("rootfs", "etc"));
        await File.WriteAllTextAsync(temp.Combine("rootfs", "etc", "os-release"), "ID=alpine\n");
        await ExternalTool.RunAsync("tar", ["-C", temp.Combine("rootfs"), "-cf", temp.Combine("export.tar"), "."], CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync($"docker-archive:{temp.Combine("export.tar")}"));

        Assert.Contains("is not an image archive", error.Message, StringComparison.Ordinal);
        Assert.Contains("neither manifest.json (docker save) nor index.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayerAsync_DirectorySource_ReportsLinksWithoutFollowingThem()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("etc"));
        await File.WriteAllTextAsync(temp.Combine("etc", "hostname"), "x");
        File.CreateSymbolicLink(temp.Combine("etc", "escape"), "/etc/passwd");

        await using var source = await OpenAsync($"dir:{temp.Path}");
        var image = await source.ResolveAsync(CancellationToken.None);
        var entries = new List<LayerEntry>();
        await foreach (var entry in source.ReadLayerAsync(image.Layers[0], LayerLimits.Default, CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.False(image.Layers[0].Cacheable);
        var link = Assert.Single(entries, e => e.Kind == LayerEntryKind.SymbolicLink);
        Assert.Equal(("etc/escape", "/etc/passwd"), (link.Name, link.LinkName));
        Assert.Contains(entries, e => e.Name == "etc/hostname" && e.Kind == LayerEntryKind.File);
    }

    private static JsonObject Descriptor(string digest, string layout, string architecture, string? variant)
    {
        var platform = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" };
        if (variant is not null)
        {
            platform["variant"] = variant;
        }

        return new JsonObject
        {
            ["mediaType"] = MediaTypes.OciManifest,
            ["digest"] = digest,
            ["size"] = new FileInfo(Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..])).Length,
            ["platform"] = platform,
        };
    }

    private static async Task<IImageSource> OpenAsync(string target, ImageSourceOptions? options = null)
    {
        Assert.True(ImageTarget.TryParse(target, out var parsed, out var error), error);
        return await ImageSources.OpenAsync(parsed, options ?? new ImageSourceOptions(), CancellationToken.None);
    }

    private static async Task<List<string>> EntriesAsync(IImageSource source, ImageLayer layer)
    {
        var names = new List<string>();
        await foreach (var entry in source.ReadLayerAsync(layer, LayerLimits.Default, CancellationToken.None))
        {
            names.Add(entry.Name.TrimStart('.', '/'));
        }

        return names;
    }
}
