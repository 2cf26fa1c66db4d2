using System.Text.Json;
using Drydock.Testing;
using Drydock.Testing.Images;
using Drydock.Testing.Schemas;

namespace Drydock.Tests.Sbom;

/// <summary><c>drydock sbom</c> run as a user runs it: the built executable in a child process.</summary>
public sealed class SbomCommandTests
{
    private static readonly string Drydock = Path.Combine(AppContext.BaseDirectory, "drydock.dll");

    [Theory]
    [InlineData("cyclonedx")]
    [InlineData("spdx")]
    [InlineData("json")]
    public async Task Sbom_AlpineArchive_WritesAValidDocumentWithEveryPackage(string format)
    {
        using var temp = new TempDirectory();
        var output = temp.Combine($"alpine.{format}.json");

        var result = await RunAsync(
            ["sbom", $"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}", "--format", format, "--output", output, "--cache-dir", temp.Combine("cache")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("14 packages", result.StandardError, StringComparison.Ordinal);
        var json = await File.ReadAllTextAsync(output);
        Assert.Empty(format switch
        {
            "cyclonedx" => SbomSchemas.ValidateCycloneDx(json),
            "spdx" => SbomSchemas.ValidateSpdx(json),
            _ => [],
        });
        Assert.Contains("pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=alpine-3.10", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sbom_DebootstrapOciLayoutTwice_ValidCycloneDxAndSecondRunFromTheCache()
    {
        var root = await DebootstrapRoot.GetAsync(CancellationToken.None);
        using var temp = new TempDirectory();
        await new TestImageBuilder()
            .AddLayer(l => l.FromDirectory(root, path => !path.StartsWith("usr", StringComparison.Ordinal)))
            .AddLayer(l => l.FromDirectory(root, path => path.StartsWith("usr", StringComparison.Ordinal)))
            .WriteOciLayoutAsync(temp.Combine("image"), CancellationToken.None);
        string[] arguments = ["sbom", $"oci:{temp.Combine("image")}:latest", "--cache-dir", temp.Combine("cache"), "--output", temp.Combine("bom.json")];

        var first = await RunAsync(arguments);
        var second = await RunAsync(arguments);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 layers read, 0 from the cache", first.StandardError, StringComparison.Ordinal);
        Assert.Contains("0 layers read, 2 from the cache", second.StandardError, StringComparison.Ordinal);
        var json = await File.ReadAllTextAsync(temp.Combine("bom.json"));
        Assert.Empty(SbomSchemas.ValidateCycloneDx(json));
        using var document = JsonDocument.Parse(json);
        var expected = (await ExternalTool.RunAsync("dpkg-query", [$"--admindir={root}/var/lib/dpkg", "-W", "-f=${Package}\\n"], CancellationToken.None))
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        Assert.Equal(
            expected,
            document.RootElement.GetProperty("components").EnumerateArray()
                .Where(c => c.GetProperty("type").GetString() == "library")
                .Select(c => c.GetProperty("name").GetString()!)
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sbom_BadTarget_ExitsTwoAndSaysWhatToWrite()
    {
        var result = await RunAsync(["sbom", "oci:"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("oci:PATH[:REF]", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sbom_MissingArchive_ExitsOneNamingThePath()
    {
        var result = await RunAsync(["sbom", "docker-archive:/nonexistent/image.tar", "--no-cache"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/image.tar", result.StandardError, StringComparison.Ordinal);
    }

    private static Task<ToolResult> RunAsync(string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [Drydock, .. arguments], CancellationToken.None, check: false);
}
