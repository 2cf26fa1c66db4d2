using System.Text.Json;
using Drydock.Ecosystems.Binaries;

namespace Drydock.Ecosystems.Tests.Rust;

public sealed class CargoAuditableDataTests
{
    private readonly ExecutablePackageDetector _detector = ExecutablePackageDetector.Instance;

    [Fact]
    public async Task DetectAsync_BinaryWithDepV0Section_ReportsTheEmbeddedNonLocalCrates()
    {
        var fixture = await RustFixture.GetAsync();
        using var embedded = JsonDocument.Parse(RustFixture.AuditJson);
        var expected = embedded.RootElement.GetProperty("packages").EnumerateArray()
            .Where(p => p.GetProperty("source").GetString() != "local")
            .Select(p => $"{p.GetProperty("name").GetString()}@{p.GetProperty("version").GetString()}")
            .ToHashSet();

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, "target", "release", "app"), "usr/local/bin/app");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
    }

    [Fact]
    public async Task DetectAsync_ElfWithoutSection_ReportsNothing()
    {
        var result = await DetectorRunner.RunFileAsync(_detector, "/usr/bin/env", "usr/bin/env");

        Assert.Empty(result.Packages);
        Assert.Empty(result.Warnings);
    }
}
