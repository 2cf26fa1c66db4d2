using Drydock.Testing;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

/// <summary>An image made and modified by umoci (a second, independent OCI implementation) goes through the registry unchanged.</summary>
public sealed class UmociTests(RunningRegistry registry) : IClassFixture<RunningRegistry>
{
    [ToolFact("umoci", Skopeo.Program)]
    public async Task Copy_UmociBuiltImage_UnpacksToTheSameFiles()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        using var work = new TempDirectory("drydock-umoci");
        var image = work.Combine("image");
        var source = work.Combine("src");
        Directory.CreateDirectory(Path.Combine(source, "etc"));
        await File.WriteAllTextAsync(Path.Combine(source, "etc", "motd"), "built by umoci\n", ct);
        await File.WriteAllTextAsync(Path.Combine(source, "hello"), "hello from a second layer\n", ct);

        await ExternalTool.RunAsync("umoci", ["init", "--layout", image], ct);
        await ExternalTool.RunAsync("umoci", ["new", "--image", $"{image}:latest"], ct);
        await ExternalTool.RunAsync("umoci", ["insert", "--image", $"{image}:latest", Path.Combine(source, "etc"), "/etc"], ct);
        await ExternalTool.RunAsync("umoci", ["insert", "--image", $"{image}:latest", Path.Combine(source, "hello"), "/hello"], ct);
        await ExternalTool.RunAsync("umoci", ["config", "--image", $"{image}:latest", "--config.entrypoint", "/hello", "--architecture", "amd64", "--os", "linux"], ct);
        var built = (await ExternalTool.RunAsync("umoci", ["stat", "--image", $"{image}:latest", "--json"], ct)).StandardOutput;

        var remote = $"docker://{registry.Host}/team/umoci/app:latest";
        await Skopeo.CopyAsync($"oci:{image}:latest", remote, ct, "--preserve-digests");
        var pulled = work.Combine("pulled");
        await Skopeo.CopyAsync(remote, $"oci:{pulled}:latest", ct, "--preserve-digests");

        // umoci's own view of history and layers, and the manifest digest, are unchanged by the trip.
        Assert.Equal(
            Testing.Oci.OciLayout.Resolve(image, "latest").Digest,
            Testing.Oci.OciLayout.Resolve(pulled, "latest").Digest);
        Assert.Equal(built, (await ExternalTool.RunAsync("umoci", ["stat", "--image", $"{pulled}:latest", "--json"], ct)).StandardOutput);

        var bundle = work.Combine("bundle");
        await ExternalTool.RunAsync("umoci", ["unpack", "--rootless", "--image", $"{pulled}:latest", bundle], ct);
        Assert.Equal("built by umoci\n", await File.ReadAllTextAsync(Path.Combine(bundle, "rootfs", "etc", "motd"), ct));
        Assert.Equal("hello from a second layer\n", await File.ReadAllTextAsync(Path.Combine(bundle, "rootfs", "hello"), ct));
    }
}
