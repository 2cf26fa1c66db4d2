using System.Text;
using Drydock.Ecosystems.PackageManagers.Apk;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PackageManagers.Apk;

public sealed class ApkInstalledDetectorTests
{
    /// <summary>An independent reading of the database with awk: P, V, A, o and L of each stanza that has P and V.</summary>
    private const string AwkOracle =
        "awk -F: 'function out(){ if (p != \"\" && v != \"\") print p\"\\t\"v\"\\t\"a\"\\t\"o\"\\t\"l; p=v=a=o=l=\"\" } " +
        "$0==\"\"{out(); next} $1==\"P\"&&p==\"\"{p=substr($0,3)} $1==\"V\"&&v==\"\"{v=substr($0,3)} $1==\"A\"&&a==\"\"{a=substr($0,3)} " +
        "$1==\"o\"&&o==\"\"{o=substr($0,3)} $1==\"L\"&&l==\"\"{l=substr($0,3)} END{out()}' \"$1\" | sort";

    [Theory]
    [InlineData("trivy-installed")]
    [InlineData("syft-multiple-1-installed")]
    [InlineData("syft-multiple-2-installed")]
    [InlineData("osv-scanner-installed")]
    public async Task DetectAsync_RealInstalledDatabase_EqualsAnIndependentReading(string file)
    {
        var path = TestPaths.Shared("pkgdb", "apk", file);
        var expected = (await ExternalTool.RunAsync("bash", ["-c", AwkOracle, "_", path], CancellationToken.None))
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var (packages, _) = await DetectAsync(await File.ReadAllTextAsync(path));

        Assert.NotEmpty(expected);
        Assert.Equal(
            expected,
            packages.Select(p => $"{p.Name}\t{p.Version}\t{p.Architecture}\t{p.SourceName}\t{p.License}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DetectAsync_EntryWithoutVersion_IsSkippedWithAWarning()
    {
        var (_, context) = await DetectAsync(await File.ReadAllTextAsync(TestPaths.Shared("pkgdb", "apk", "trivy-installed")));

        Assert.Contains(context.Warnings, w => w.Contains("invalidPackageWithoutAVersion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DetectAsync_CorruptDatabase_DoesNotThrow()
    {
        var (packages, _) = await DetectAsync(await File.ReadAllTextAsync(TestPaths.Shared("pkgdb", "apk", "syft-corrupt-installed")));

        Assert.All(packages, p => Assert.False(string.IsNullOrEmpty(p.Version)));
    }

    [Fact]
    public async Task DetectAsync_Package_WritesAnApkPurlWithArch()
    {
        var (packages, _) = await DetectAsync("P:musl\nV:1.1.22-r3\nA:x86_64\no:musl\nL:MIT\n");

        Assert.Equal("pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64", Assert.Single(packages).Purl);
    }

    [Fact]
    public async Task DetectAsync_DatabaseOfOneEndlessLine_StopsAfterReadingAboutTheLineLimit()
    {
        var content = new PatternStream("F:usr/lib/", 32L << 20);
        var file = new LayerFile(ApkInstalledDetector.InstalledPath, 32L << 20, content);

        var error = await Assert.ThrowsAsync<InputLimitException>(async () =>
        {
            await foreach (var package in ApkInstalledDetector.Shared.DetectAsync(file, new DetectionContext(), CancellationToken.None))
            {
                Assert.Fail($"no package expected, got {package.Name}");
            }
        });

        Assert.Contains(ApkInstalledDetector.InstalledPath, error.Message, StringComparison.Ordinal);
        Assert.InRange(content.BytesRead, ApkInstalledDetector.MaxLineChars, ApkInstalledDetector.MaxLineChars + (64 << 10));
    }

    private static async Task<(List<Package> Packages, DetectionContext Context)> DetectAsync(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var context = new DetectionContext();
        var packages = new List<Package>();
        await foreach (var package in ApkInstalledDetector.Shared.DetectAsync(new LayerFile(ApkInstalledDetector.InstalledPath, bytes.Length, new MemoryStream(bytes)), context, CancellationToken.None))
        {
            packages.Add(package);
        }

        return (packages, context);
    }
}
