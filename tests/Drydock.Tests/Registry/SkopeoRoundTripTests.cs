using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Drydock.Oci;
using Drydock.Oci.Manifests;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

/// <summary>
/// skopeo (a real client, from Debian) copies images the tests build into the running registry and back;
/// what comes back must be byte-identical. Runs against Drydock, or distribution with DRYDOCK_E2E_REGISTRY=distribution.
/// </summary>
public sealed class SkopeoRoundTripTests(RunningRegistry registry) : IClassFixture<RunningRegistry>, IDisposable
{
    private const string SbomType = "application/vnd.example.sbom.v1+json";
    private const string SignatureType = "application/vnd.example.signature.v1";

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [ToolFact(Skopeo.Program)]
    public async Task Copy_MultiLayerImage_PullsBackByteIdentical()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var image = await TestImages.MultiLayerAsync(layout, TestImages.Amd64, "multi", ct);
        layout.Tag(image, "1.0");
        var remote = $"docker://{registry.Host}/team/app/api:1.0";

        // Without these options skopeo would gzip the uncompressed layer on the way and change the digests.
        await Skopeo.CopyAsync($"oci:{layout.Directory}:1.0", remote, ct, "--preserve-digests");
        await Skopeo.CopyAsync(remote, $"oci:{work.Combine("pulled")}:1.0", ct, "--preserve-digests", "--dest-oci-accept-uncompressed-layers");

        RoundTrip.AssertIdentical(image, layout.Directory, work.Combine("pulled"), "1.0");
        Assert.Equal(RoundTrip.Text(image), await Skopeo.InspectRawAsync(remote, ct));
    }

    [ToolFact(Skopeo.Program)]
    public async Task Copy_IndexWithTwoPlatformsAll_PullsBackByteIdentical()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var amd64 = await TestImages.MultiLayerAsync(layout, TestImages.Amd64, "index", ct);
        var arm64 = await TestImages.MultiLayerAsync(layout, TestImages.Arm64, "index", ct);
        var index = await layout.AddIndexAsync([amd64, arm64], ct);
        layout.Tag(index, "2.0");
        var remote = $"docker://{registry.Host}/team/app/multiarch:2.0";

        await Skopeo.CopyAsync($"oci:{layout.Directory}:2.0", remote, ct, "--all", "--preserve-digests");
        await Skopeo.CopyAsync(remote, $"oci:{work.Combine("pulled")}:2.0", ct, "--all", "--preserve-digests", "--dest-oci-accept-uncompressed-layers");

        RoundTrip.AssertIdentical(index, layout.Directory, work.Combine("pulled"), "2.0");
        Assert.Equal(RoundTrip.Text(index), await Skopeo.InspectRawAsync(remote, ct));
        foreach (var platformImage in new[] { amd64, arm64 })
        {
            var byDigest = $"docker://{registry.Host}/team/app/multiarch@{platformImage.Descriptor.Digest}";
            Assert.Equal(RoundTrip.Text(platformImage), await Skopeo.InspectRawAsync(byDigest, ct));
        }

        // Without --all skopeo picks the image for its own platform out of the index the registry served.
        await Skopeo.CopyAsync(remote, $"oci:{work.Combine("arm")}:arm", ct, "--dest-oci-accept-uncompressed-layers", "--override-arch", "arm64", "--override-variant", "v8");
        Assert.Equal(arm64.Descriptor.Digest, OciLayout.Resolve(work.Combine("arm"), "arm").Digest);
    }

    [ToolFact(Skopeo.Program)]
    public async Task Copy_ArtifactWithSubject_ReferrersListIt()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var image = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "subject", 2, ct);
        var sbom = await layout.AddArtifactAsync(image, SbomType, """{"bomFormat":"CycloneDX"}"""u8.ToArray(), "application/vnd.cyclonedx+json", ct);
        var signature = await layout.AddArtifactAsync(image, SignatureType, "signed"u8.ToArray(), "application/octet-stream", ct);
        layout.Tag(image, "1.0");
        layout.Tag(sbom, "sbom");
        layout.Tag(signature, "sig");
        var repository = $"{registry.Host}/team/app/with-sbom";

        foreach (var tag in new[] { "1.0", "sbom", "sig" })
        {
            await Skopeo.CopyAsync($"oci:{layout.Directory}:{tag}", $"docker://{repository}:{tag}", ct);
        }

        await Skopeo.CopyAsync($"docker://{repository}:sbom", $"oci:{work.Combine("pulled")}:sbom", ct);
        RoundTrip.AssertIdentical(sbom, layout.Directory, work.Combine("pulled"), "sbom");

        if (registry.Process.Implementation == RegistryImplementation.Distribution)
        {
            return; // distribution 2.8.2 predates the referrers API (OCI distribution v1.1).
        }

        using var http = new HttpClient { BaseAddress = registry.Process.BaseAddress };
        using var all = await http.GetAsync(new Uri($"v2/team/app/with-sbom/referrers/{image.Descriptor.Digest}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(MediaTypes.OciIndex, all.Content.Headers.ContentType?.MediaType);
        var referrers = JsonSerializer.Deserialize<ImageIndex>(await all.Content.ReadAsStringAsync(ct))!;
        Assert.Equal(
            new[] { (sbom.Descriptor.Digest, SbomType), (signature.Descriptor.Digest, SignatureType) }.OrderBy(r => r.Item1),
            referrers.Manifests!.Select(d => (d.Digest, d.ArtifactType!)).OrderBy(r => r.Item1));
        Assert.All(referrers.Manifests!, d => Assert.Equal(MediaTypes.OciManifest, d.MediaType));
        Assert.Equal(sbom.Bytes.Length, referrers.Manifests!.Single(d => d.Digest == sbom.Descriptor.Digest).Size);

        var filter = Uri.EscapeDataString(SbomType);
        using var filtered = await http.GetAsync(
            new Uri($"v2/team/app/with-sbom/referrers/{image.Descriptor.Digest}?artifactType={filter}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        var onlySbom = JsonSerializer.Deserialize<ImageIndex>(await filtered.Content.ReadAsStringAsync(ct))!;
        Assert.Equal([sbom.Descriptor.Digest], onlySbom.Manifests!.Select(d => d.Digest));
        Assert.True(filtered.Headers.TryGetValues("OCI-Filters-Applied", out var applied), "OCI-Filters-Applied header missing");
        Assert.Equal("artifactType", Assert.Single(applied));
    }

    [ToolFact(Skopeo.Program)]
    public async Task Copy_FormatV2s2_ServesDockerSchema2Manifest()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var image = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "docker", 3, ct);
        layout.Tag(image, "1.0");
        var remote = $"docker://{registry.Host}/team/app/docker:1.0";

        await Skopeo.CopyAsync($"oci:{layout.Directory}:1.0", remote, ct, "--format", "v2s2");
        var raw = await Skopeo.InspectRawAsync(remote, ct);
        var served = JsonSerializer.Deserialize<ImageManifest>(raw)!;
        Assert.Equal(MediaTypes.DockerManifest, served.MediaType);
        Assert.Equal(MediaTypes.DockerConfig, served.Config!.MediaType);
        Assert.All(served.Layers!, l => Assert.Equal(MediaTypes.DockerLayerGzip, l.MediaType));
        // Conversion changes media types, never layer bytes.
        Assert.Equal(image.Blobs.Skip(1).Select(b => b.Digest), served.Layers!.Select(l => l.Digest));

        // dir: keeps the manifest exactly as served; it must be the bytes the registry digested.
        var pulled = work.Combine("pulled");
        await Skopeo.CopyAsync(remote, $"dir:{pulled}", ct);
        var manifestBytes = await File.ReadAllBytesAsync(Path.Combine(pulled, "manifest.json"), ct);
        Assert.Equal(raw, System.Text.Encoding.UTF8.GetString(manifestBytes));
        foreach (var layer in served.Layers!)
        {
            Assert.Equal(
                OciLayout.ReadBlob(layout.Directory, layer.Digest),
                await File.ReadAllBytesAsync(Path.Combine(pulled, Digest.Parse(layer.Digest).Hex), ct));
        }

        using var http = new HttpClient { BaseAddress = registry.Process.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v2/team/app/docker/manifests/1.0", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.DockerManifest));
        using var response = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaTypes.DockerManifest, response.Content.Headers.ContentType?.MediaType);
        var digest = Digest.Compute(manifestBytes).ToString();
        Assert.Equal(digest, Assert.Single(response.Headers.GetValues("Docker-Content-Digest")));
    }

    [ToolFact(Skopeo.Program)]
    public async Task ListTags_AfterPushes_ListsEveryTag()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var image = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "tags", 1, ct);
        layout.Tag(image, "latest");
        string[] tags = ["1.0", "1.1", "latest", "stable"];
        foreach (var tag in tags)
        {
            await Skopeo.CopyAsync($"oci:{layout.Directory}:latest", $"docker://{registry.Host}/team/tags/app:{tag}", ct);
        }

        using var listed = JsonDocument.Parse(await Skopeo.ListTagsAsync($"docker://{registry.Host}/team/tags/app", ct));
        Assert.Equal(tags, listed.RootElement.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));
    }

    [ToolFact(Skopeo.Program)]
    public async Task Delete_PushedImage_IsGoneAndOthersStay()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var doomed = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "doomed", 2, ct);
        var kept = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "kept", 2, ct);
        layout.Tag(doomed, "doomed");
        layout.Tag(kept, "kept");
        var repository = $"{registry.Host}/team/delete/app";
        await Skopeo.CopyAsync($"oci:{layout.Directory}:doomed", $"docker://{repository}:doomed", ct);
        await Skopeo.CopyAsync($"oci:{layout.Directory}:kept", $"docker://{repository}:kept", ct);

        await Skopeo.DeleteAsync($"docker://{repository}:doomed", ct);

        var inspect = await Skopeo.RunAsync(["inspect", "--tls-verify=false", "--raw", $"docker://{repository}:doomed"], ct, check: false);
        Assert.NotEqual(0, inspect.ExitCode);
        using var http = new HttpClient { BaseAddress = registry.Process.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"v2/team/delete/app/manifests/{doomed.Descriptor.Digest}", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
        using var head = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);

        await Skopeo.CopyAsync($"docker://{repository}:kept", $"oci:{work.Combine("pulled")}:kept", ct);
        RoundTrip.AssertIdentical(kept, layout.Directory, work.Combine("pulled"), "kept");
    }
}
