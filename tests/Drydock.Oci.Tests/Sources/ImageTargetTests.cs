using Drydock.Oci.Sources;

namespace Drydock.Oci.Tests.Sources;

public sealed class ImageTargetTests
{
    [Theory]
    [InlineData("docker://registry.example.com:5000/team/app:1.2", "registry.example.com:5000", "team/app", "1.2", null)]
    [InlineData("registry.example.com/app@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "registry.example.com", "app", null, "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("alpine", RegistryReference.DockerHubHost, "library/alpine", "latest", null)]
    [InlineData("docker://docker.io/library/debian:12", RegistryReference.DockerHubHost, "library/debian", "12", null)]
    [InlineData("localhost:5000/x", "localhost:5000", "x", "latest", null)]
    [InlineData("127.0.0.1:5000/ns/repo:tag", "127.0.0.1:5000", "ns/repo", "tag", null)]
    public void TryParse_RegistryReference_IsNormalised(string value, string host, string repository, string? tag, string? digest)
    {
        Assert.True(ImageTarget.TryParse(value, out var target, out var error), error);

        Assert.Equal(ImageTargetKind.Registry, target.Kind);
        Assert.Equal((host, repository, tag, digest), (target.Registry!.Host, target.Registry.Repository, target.Registry.Tag, target.Registry.Digest));
    }

    [Theory]
    [InlineData("oci:/tmp/layout", ImageTargetKind.OciLayout, "/tmp/layout", null)]
    [InlineData("oci:/tmp/layout:v1", ImageTargetKind.OciLayout, "/tmp/layout", "v1")]
    [InlineData("oci-archive:/tmp/image.tar", ImageTargetKind.OciArchive, "/tmp/image.tar", null)]
    [InlineData("docker-archive:/tmp/save.tar", ImageTargetKind.DockerArchive, "/tmp/save.tar", null)]
    [InlineData("dir:/", ImageTargetKind.Directory, "/", null)]
    [InlineData("sbom:/tmp/bom.json", ImageTargetKind.Sbom, "/tmp/bom.json", null)]
    public void TryParse_LocalTransport_GivesPathAndReference(string value, ImageTargetKind kind, string path, string? reference)
    {
        Assert.True(ImageTarget.TryParse(value, out var target, out var error), error);

        Assert.Equal((kind, path, reference), (target.Kind, target.Path, target.LayoutReference));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("oci:", "names no path")]
    [InlineData("dir:", "names no path")]
    [InlineData("docker-daemon:alpine:latest", "docker save")]
    [InlineData("registry.example.com/app@sha256:bad", "not a sha256")]
    [InlineData("Registry Example/app", "not an image reference")]
    public void TryParse_BadTarget_SaysWhatIsWrong(string value, string message)
    {
        Assert.False(ImageTarget.TryParse(value, out _, out var error));

        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
