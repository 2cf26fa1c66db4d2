using System.Text;

namespace Drydock.Testing.Rpm;

/// <summary>Real rpm packages and databases for tests: empty noarch packages built by Debian's
/// <c>rpmbuild</c>, installed with <c>rpm -i --justdb</c> into a fresh SQLite rpm database.</summary>
public static class TestRpmBuilder
{
    /// <summary>Builds every package with <paramref name="dist"/> as <c>%{dist}</c>; returns the binary rpm files, sorted.</summary>
    public static async Task<IReadOnlyList<string>> BuildAsync(string directory, IEnumerable<TestRpm> packages, string dist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        Directory.CreateDirectory(directory);
        var top = Path.Combine(directory, "rpmbuild");
        foreach (var package in packages)
        {
            var spec = new StringBuilder()
                .Append($"Name: {package.Source}\nVersion: {package.Version}\nRelease: {package.Release}\n")
                .Append(package.Epoch is { } epoch ? $"Epoch: {epoch}\n" : string.Empty)
                .Append("Summary: Drydock test package\nLicense: MIT\nBuildArch: noarch\n%description\nA test package.\n");
            foreach (var binary in package.Binaries.Where(b => b != package.Source))
            {
                spec.Append($"%package -n {binary}\nSummary: Drydock test subpackage\n%description -n {binary}\nA subpackage.\n");
            }

            // A package without a %files section is not built, so the main package exists only when listed.
            foreach (var binary in package.Binaries)
            {
                spec.Append(binary == package.Source ? "%files\n" : $"%files -n {binary}\n");
            }

            var path = Path.Combine(directory, $"{package.Source}.spec");
            await File.WriteAllTextAsync(path, spec.ToString(), cancellationToken);
            await ExternalTool.RunAsync("rpmbuild", ["-bb", "--quiet", "--define", $"_topdir {top}", "--define", $"dist {dist}", path], cancellationToken);
        }

        return [.. Directory.GetFiles(Path.Combine(top, "RPMS"), "*.rpm", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
    }

    /// <summary>Creates a SQLite rpm database in <paramref name="dbPath"/> (rpmdb.sqlite) holding <paramref name="rpms"/>.</summary>
    public static async Task InstallAsync(string dbPath, IEnumerable<string> rpms, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dbPath);
        await ExternalTool.RunAsync("rpm", ["--initdb", "--dbpath", dbPath, "--define", "_db_backend sqlite"], cancellationToken);
        await ExternalTool.RunAsync(
            "rpm",
            ["-i", "--justdb", "--nodeps", "--nosignature", "--ignorearch", "--ignoreos", "--dbpath", dbPath, "--define", "_db_backend sqlite", .. rpms],
            cancellationToken);
    }
}
