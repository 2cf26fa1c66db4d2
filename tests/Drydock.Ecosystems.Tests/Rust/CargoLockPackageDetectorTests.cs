using System.Text.Json;
using Drydock.Ecosystems.Rust;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Rust;

public sealed class CargoLockPackageDetectorTests
{
    private readonly CargoLockPackageDetector _detector = new();

    [Fact]
    public async Task DetectAsync_LockfileCargoWrote_ListsTheNonLocalPackagesOfCargoMetadata()
    {
        var fixture = await RustFixture.GetAsync();
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture, "metadata.json")));
        var expected = metadata.RootElement.GetProperty("packages").EnumerateArray()
            .Where(p => p.GetProperty("source").ValueKind == JsonValueKind.String)
            .Select(p => $"{p.GetProperty("name").GetString()}@{p.GetProperty("version").GetString()}")
            .ToHashSet();
        Assert.Equal(2, expected.Count);

        var result = await DetectorRunner.RunFileAsync(_detector, Path.Combine(fixture, "app", "Cargo.lock"), "src/app/Cargo.lock");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
        Assert.Equal("pkg:cargo/itoa@1.0.9", Assert.Single(result.Packages, p => p.Name == "itoa").Purl);
    }

    [Fact]
    public async Task DetectAsync_Version1Lockfile_ReadsPackagesAndIgnoresMetadata()
    {
        // Lockfile format 1 (cargo before 1.41): dependencies as "name version (source)" strings, checksums in [metadata].
        using var temp = new TempDirectory();
        var file = temp.Combine("Cargo.lock");
        await File.WriteAllTextAsync(file, """
            [[package]]
            name = "app"
            version = "0.1.0"
            dependencies = [
             "itoa 0.4.8 (registry+https://github.com/rust-lang/crates.io-index)",
            ]

            [[package]]
            name = "itoa"
            version = "0.4.8"
            source = "registry+https://github.com/rust-lang/crates.io-index"

            [metadata]
            "checksum itoa 0.4.8 (registry+https://github.com/rust-lang/crates.io-index)" = "b71991ff56294aa922b450139ee08b3bfc70982c6b2c7562771375cf73542dd4"
            """);

        var result = await DetectorRunner.RunFileAsync(_detector, file, "Cargo.lock");

        Assert.Empty(result.Warnings);
        Assert.Equal(["itoa@0.4.8"], result.NameVersions());
    }

    [Fact]
    public async Task DetectAsync_NotToml_WarnsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("Cargo.lock");
        await File.WriteAllTextAsync(file, "garbage");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/Cargo.lock");

        Assert.Contains(result.Warnings, w => w.StartsWith("app/Cargo.lock", StringComparison.Ordinal));
    }
}
