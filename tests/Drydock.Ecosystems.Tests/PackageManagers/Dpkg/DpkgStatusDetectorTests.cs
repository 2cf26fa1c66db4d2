using System.Text;
using Drydock.Ecosystems.PackageManagers.Dpkg;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PackageManagers.Dpkg;

public sealed class DpkgStatusDetectorTests
{
    [Theory]
    [InlineData("claircore/debian-only.status")]
    [InlineData("claircore/postgresql.status")]
    [InlineData("claircore/texlive.status")]
    [InlineData("osv-scanner-status")]
    [InlineData("trivy-ubuntu-bionic-status.txtar")]
    [InlineData("syft-status.d/single")]
    [InlineData("syft-status.d/deinstall")]
    [InlineData("syft-status.d/coreutils-relationships")]
    [InlineData("syft-status.d/libpam-runtime")]
    [InlineData("syft-status.d/installed-size-4KB")]
    public async Task DetectAsync_RealStatusFile_EqualsDpkgQuery(string file)
    {
        var content = await File.ReadAllTextAsync(TestPaths.Shared("pkgdb", "dpkg", file));
        if (file.EndsWith(".txtar", StringComparison.Ordinal))
        {
            content = TxtarSection(content, "var/lib/dpkg/status");
        }

        using var admin = new TempDirectory();
        // dpkg-query insists on a final newline, which one upstream file lacks; the detector does not.
        await File.WriteAllTextAsync(admin.Combine("status"), content.EndsWith('\n') ? content : content + "\n");
        var expected = await DpkgQueryAsync(admin.Path);

        var packages = await DetectAsync("var/lib/dpkg/status", content);

        Assert.NotEmpty(expected);
        Assert.Equal(
            expected,
            packages.Select(p => $"{p.Name}\t{p.Version}\t{p.Architecture}\t{p.SourceName}\t{p.SourceVersion ?? p.Version}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DetectAsync_DistrolessStatusDEntry_ReadsThePackageWithoutAStatusField()
    {
        var content = await File.ReadAllTextAsync(TestPaths.Shared("pkgdb", "dpkg", "syft-distroless-status.d", "libsqlite3-0"));

        var package = Assert.Single(await DetectAsync("var/lib/dpkg/status.d/libsqlite3-0", content));

        Assert.Equal(("libsqlite3-0", "3.34.1-3", "arm64", "sqlite3"), (package.Name, package.Version, package.Architecture, package.SourceName));
        Assert.Equal("pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64", package.Purl);
    }

    [Fact]
    public async Task DetectAsync_StanzasWithoutNameOrVersion_AreSkippedWithWarnings()
    {
        // syft's "multiple" file starts with an empty Package and a package without Version, which
        // dpkg-query refuses to read at all; the detector keeps the two complete packages.
        var content = await File.ReadAllTextAsync(TestPaths.Shared("pkgdb", "dpkg", "syft-status.d", "multiple"));
        var context = new DetectionContext();

        var packages = await DetectAsync("var/lib/dpkg/status", content, context);

        Assert.Equal(["tzdata\t2020a-0+deb10u1", "util-linux\t2.33.1-0.1"], packages.Select(p => $"{p.Name}\t{p.Version}"));
        Assert.Equal(2, context.Warnings.Count);
    }

    [Fact]
    public async Task DetectAsync_CorruptStatusFile_DoesNotThrow()
    {
        var content = await File.ReadAllTextAsync(TestPaths.Shared("pkgdb", "dpkg", "syft-status.d", "corrupt"));

        var packages = await DetectAsync("var/lib/dpkg/status.d/corrupt", content);

        Assert.All(packages, p => Assert.False(string.IsNullOrEmpty(p.Version)));
    }

    [Theory]
    [InlineData("var/lib/dpkg/status", true)]
    [InlineData("var/lib/dpkg/status.d/libc6", true)]
    [InlineData("var/lib/dpkg/status.d/libc6.md5sums", false)]
    [InlineData("var/lib/dpkg/status-old", false)]
    [InlineData("var/lib/dpkg/status.d/sub/x", false)]
    [InlineData("usr/var/lib/dpkg/status", false)]
    public void IsCandidate_Path_AcceptsOnlyStatusFiles(string path, bool expected)
    {
        Assert.Equal(expected, DpkgStatusDetector.Shared.IsCandidate(path));
    }

    [Fact]
    public async Task DetectAsync_SourceWithVersion_SplitsNameAndVersion()
    {
        var packages = await DetectAsync(
            "var/lib/dpkg/status",
            "Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl (3.0.11-1~deb12u2)\nVersion: 3.0.11-1~deb12u2+b1\n\n" +
            "Package: gone\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n");

        var package = Assert.Single(packages);
        Assert.Equal(("openssl", "3.0.11-1~deb12u2"), (package.SourceName, package.SourceVersion));
    }

    [Fact]
    public async Task DetectAsync_StatusOfOneEndlessLine_StopsAfterReadingAboutTheLineLimit()
    {
        // A 900 MiB single-line status file compresses to a few megabytes; the reader must not hold the line.
        var content = new PatternStream("a", 48L << 20);
        var file = new LayerFile(DpkgStatusDetector.StatusPath, 48L << 20, content);

        var error = await Assert.ThrowsAsync<InputLimitException>(() => DetectAllAsync(file));

        Assert.Contains($"longer than {DpkgStatusDetector.MaxLineChars} characters", error.Message, StringComparison.Ordinal);
        Assert.InRange(content.BytesRead, DpkgStatusDetector.MaxLineChars, DpkgStatusDetector.MaxLineChars + (64 << 10));
    }

    [Fact]
    public async Task DetectAsync_StatusLargerThanTheLimit_RefusedBeforeReadingAByte()
    {
        var content = new PatternStream("Package: a\nVersion: 1\nStatus: install ok installed\n\n", DpkgStatusDetector.MaxStatusBytes + 1);
        var file = new LayerFile(DpkgStatusDetector.StatusPath, DpkgStatusDetector.MaxStatusBytes + 1, content);

        var error = await Assert.ThrowsAsync<InputLimitException>(() => DetectAllAsync(file));

        Assert.Contains($"more than the {DpkgStatusDetector.MaxStatusBytes} bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, content.BytesRead);
    }

    private static async Task<List<Package>> DetectAllAsync(LayerFile file)
    {
        var packages = new List<Package>();
        await foreach (var package in DpkgStatusDetector.Shared.DetectAsync(file, new DetectionContext(), CancellationToken.None))
        {
            packages.Add(package);
        }

        return packages;
    }

    private static async Task<List<Package>> DetectAsync(string path, string content, DetectionContext? context = null)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var file = new LayerFile(path, bytes.Length, new MemoryStream(bytes));
        var packages = new List<Package>();
        await foreach (var package in DpkgStatusDetector.Shared.DetectAsync(file, context ?? new DetectionContext(), CancellationToken.None))
        {
            packages.Add(package);
        }

        return packages;
    }

    private static async Task<List<string>> DpkgQueryAsync(string admin)
    {
        var result = await ExternalTool.RunAsync(
            "dpkg-query",
            [$"--admindir={admin}", "-W", "-f=${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\t${source:Version}\\n"],
            CancellationToken.None);
        // Packages whose files are on disk; "config-files" means removed, "not-installed" purged.
        string[] present = ["installed", "half-configured", "triggers-awaited", "triggers-pending", "unpacked", "half-installed"];
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Where(f => present.Contains(f[0]))
            .Select(f => string.Join('\t', f[1..]))
            .Order(StringComparer.Ordinal)];
    }

    private static string TxtarSection(string txtar, string name)
    {
        var marker = $"-- {name} --\n";
        var start = txtar.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var end = txtar.IndexOf("\n-- ", start, StringComparison.Ordinal);
        return end < 0 ? txtar[start..] : txtar[start..(end + 1)];
    }
}
