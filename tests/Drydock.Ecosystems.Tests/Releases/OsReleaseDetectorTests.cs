using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Releases;

public sealed class OsReleaseDetectorTests
{
    public static TheoryData<string> ClaircoreRoots()
    {
        var data = new TheoryData<string>();
        var root = TestPaths.Shared("pkgdb", "os-release", "claircore");
        foreach (var distro in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var version in Directory.GetDirectories(distro).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, version));
            }
        }

        return data;
    }

    /// <summary>claircore names each folder DISTRO/VERSION after the release its files belong to.</summary>
    [Theory]
    [MemberData(nameof(ClaircoreRoots))]
    public void TryDetect_ClaircoreReleaseFiles_GivesTheFoldersDistributionAndRelease(string folder)
    {
        var distribution = ReleaseDetection.DetectRoot(TestPaths.Shared("pkgdb", "os-release", "claircore", folder));

        var (expectedId, expectedRelease) = folder.Split('/') switch
        {
            ["ubuntu", "11"] => ("debian", "11"), // claircore's "not Ubuntu" case: the file is Debian 11's.
            ["rhel", "hummingbird"] => (null, null), // a distribution Drydock does not know.
            ["rhel", var v] when v.StartsWith("oracle-", StringComparison.Ordinal) => ("ol", v["oracle-".Length..]),
            ["rhel", var v] when v.StartsWith("atomichost-", StringComparison.Ordinal) => ("rhel", v["atomichost-".Length..]),
            ["debian-distroless", var v] => ("debian", v),
            [var id, var v] => (id, v),
            _ => throw new InvalidOperationException(folder),
        };
        Assert.Equal(expectedId, distribution?.Id);
        Assert.Equal(expectedRelease, distribution?.Release);
    }

    [Theory]
    [InlineData("alma", "almalinux", "9")]
    [InlineData("alpine", "alpine", "3.15")]
    [InlineData("azurelinux-3.0", "azurelinux", "3.0")]
    [InlineData("centos", "centos", "7")]
    [InlineData("centos-stream", "centos", "8")]
    [InlineData("fedora", "fedora", "42")]
    [InlineData("mariner-2.0", "mariner", "2.0")]
    [InlineData("opensuseleap-15.2.1", "opensuse-leap", "15.2.1")]
    [InlineData("oracle", "ol", "8")]
    [InlineData("photon", "photon", "4.0")]
    [InlineData("rhel", "rhel", "9")]
    [InlineData("rocky", "rocky", "9")]
    [InlineData("sles", "sles", "15.3")]
    [InlineData("no-id", null, null)]
    [InlineData("no-version", null, null)]
    [InlineData("unknown", null, null)]
    [InlineData("bottlerocket", null, null)]
    public void TryDetect_TrivyOsReleaseSamples_NormalisesTheRelease(string file, string? id, string? release)
    {
        var distribution = ReleaseDetection.Detect("etc/os-release", File.ReadAllText(TestPaths.Shared("pkgdb", "os-release", "trivy", file)));

        Assert.Equal(id, distribution?.Id);
        Assert.Equal(release, distribution?.Release);
    }

    [Fact]
    public void TryDetect_UsrLibOsRelease_IsReadToo()
    {
        var distribution = ReleaseDetection.Detect("usr/lib/os-release", File.ReadAllText(TestPaths.Shared("pkgdb", "os-release", "trivy", "rocky")));

        Assert.Equal("rocky", distribution?.Id);
    }

    // Published os-release files, copied from the distributions' images:
    // Amazon Linux 2 (amazonlinux:2, /etc/os-release), Amazon Linux 2023 (amazonlinux:2023),
    // Wolfi (cgr.dev/chainguard/wolfi-base), Chainguard OS, Ubuntu 22.04 (ubuntu:22.04), Debian 12 (debian:12).
    [Theory]
    [InlineData("NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nID_LIKE=\"centos rhel fedora\"\nVERSION_ID=\"2\"\nPRETTY_NAME=\"Amazon Linux 2\"\nCPE_NAME=\"cpe:2.3:o:amazon:amazon_linux:2\"\n", "amzn", "2")]
    [InlineData("NAME=\"Amazon Linux\"\nVERSION=\"2023\"\nID=\"amzn\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"2023\"\nPLATFORM_ID=\"platform:al2023\"\nPRETTY_NAME=\"Amazon Linux 2023.3.20240131\"\n", "amzn", "2023")]
    [InlineData("ID=wolfi\nNAME=\"Wolfi\"\nPRETTY_NAME=\"Wolfi\"\nVERSION_ID=\"20230201\"\nHOME_URL=\"https://wolfi.dev\"\n", "wolfi", "rolling")]
    [InlineData("ID=chainguard\nNAME=\"Chainguard\"\nPRETTY_NAME=\"Chainguard\"\nVERSION_ID=\"20230214\"\nHOME_URL=\"https://chainguard.dev/\"\n", "chainguard", "rolling")]
    [InlineData("PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nVERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\nUBUNTU_CODENAME=jammy\n", "ubuntu", "22.04")]
    [InlineData("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n", "debian", "12")]
    [InlineData("NAME=\"SLES\"\nVERSION=\"15-SP5\"\nVERSION_ID=\"15.5\"\nPRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP5\"\nID=\"sles\"\nID_LIKE=\"suse\"\n", "sles", "15.5")]
    [InlineData("NAME=\"Microsoft Azure Linux\"\nVERSION=\"3.0.20240824\"\nID=azurelinux\nVERSION_ID=\"3.0\"\nPRETTY_NAME=\"Microsoft Azure Linux 3.0\"\n", "azurelinux", "3.0")]
    public void TryDetect_PublishedOsRelease_NormalisesTheRelease(string content, string id, string release)
    {
        var distribution = ReleaseDetection.Detect("etc/os-release", content);

        Assert.Equal(id, distribution?.Id);
        Assert.Equal(release, distribution?.Release);
    }

    [Fact]
    public void TryDetect_DebianOsRelease_KeepsTheCodename()
    {
        var distribution = ReleaseDetection.DetectRoot(TestPaths.Shared("pkgdb", "os-release", "claircore", "debian-distroless", "10"));

        Assert.Equal("buster", distribution?.Codename);
        Assert.Equal("debian-10", distribution?.PurlQualifier);
    }
}
