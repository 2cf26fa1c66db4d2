using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Drydock.Oci;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

/// <summary>
/// podman pushes and pulls with the README's commands. It runs headless as root here with the vfs storage
/// driver and a private --root/--runroot, so it touches no system image store and needs no systemd.
/// </summary>
public sealed class PodmanTests(RunningRegistry registry) : IClassFixture<RunningRegistry>
{
    [ToolFact("podman")]
    public async Task PushPull_ReadmeCommands_SameLayersAndDigest()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-podman");
        using var run = new TempDirectory("p"); // podman refuses a --runroot longer than 50 characters.
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var image = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "podman", 3, ct);
        layout.Tag(image, "1.0");
        var config = JsonDocument.Parse(OciLayout.ReadBlob(layout.Directory, image.Blobs[0].Digest));
        var diffIds = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()!).ToList();

        async Task<string> Podman(params string[] arguments) => (await ExternalTool.RunAsync(
            "podman",
            [
                "--root", work.Combine("storage"), "--runroot", run.Path, "--tmpdir", work.Combine("tmp"),
                "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "none", .. arguments,
            ],
            ct)).StandardOutput.Trim();

        var imageId = await Podman("pull", "-q", $"oci:{layout.Directory}:1.0");
        await Podman("tag", imageId, "team/app:1.0");

        // The README's quick start, with this test's port.
        await Podman("push", "--tls-verify=false", "team/app:1.0", $"{registry.Host}/team/app:1.0");
        await Podman("rmi", "--all", "--force");
        await Podman("pull", "--tls-verify=false", $"{registry.Host}/team/app:1.0");

        var layers = JsonSerializer.Deserialize<List<string>>(await Podman("image", "inspect", "--format", "{{json .RootFS.Layers}}", $"{registry.Host}/team/app:1.0"))!;
        Assert.Equal(diffIds, layers);

        // podman records the digest of the manifest it pulled; the registry must name the same one.
        var pulledDigest = await Podman("image", "inspect", "--format", "{{.Digest}}", $"{registry.Host}/team/app:1.0");
        using var http = new HttpClient { BaseAddress = registry.Process.BaseAddress };
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri("v2/team/app/manifests/1.0", UriKind.Relative));
        head.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
        head.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.DockerManifest));
        using var response = await http.SendAsync(head, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pulledDigest, Assert.Single(response.Headers.GetValues("Docker-Content-Digest")));
    }
}
