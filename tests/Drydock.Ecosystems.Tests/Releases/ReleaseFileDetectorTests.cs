namespace Drydock.Ecosystems.Tests.Releases;

public sealed class ReleaseFileDetectorTests
{
    // Release-file lines as the distributions ship them (alpine:3.10 /etc/alpine-release,
    // debian:12 /etc/debian_version, debian:trixie before release, centos:7 /etc/centos-release,
    // rockylinux:9, almalinux:9, fedora:39, amazonlinux:2 and :2023 /etc/system-release,
    // oraclelinux:8 /etc/oracle-release, ubuntu:22.04 /etc/lsb-release).
    [Theory]
    [InlineData("etc/alpine-release", "3.10.4\n", "alpine", "3.10")]
    [InlineData("etc/alpine-release", "3.21.0_alpha20240807\n", "alpine", "edge")]
    [InlineData("etc/debian_version", "12.5\n", "debian", "12")]
    [InlineData("etc/debian_version", "trixie/sid\n", "debian", "13")]
    [InlineData("etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n", "centos", "7")]
    [InlineData("etc/redhat-release", "Red Hat Enterprise Linux release 9.3 (Plow)\n", "rhel", "9")]
    [InlineData("etc/rocky-release", "Rocky Linux release 9.3 (Blue Onyx)\n", "rocky", "9")]
    [InlineData("etc/almalinux-release", "AlmaLinux release 9.3 (Shamrock Pampas Cat)\n", "almalinux", "9")]
    [InlineData("etc/fedora-release", "Fedora release 39 (Thirty Nine)\n", "fedora", "39")]
    [InlineData("etc/system-release", "Amazon Linux release 2 (Karoo)\n", "amzn", "2")]
    [InlineData("etc/system-release", "Amazon Linux release 2023.3.20240131 (Amazon Linux)\n", "amzn", "2023")]
    [InlineData("etc/oracle-release", "Oracle Linux Server release 8.9\n", "ol", "8")]
    [InlineData("etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION=\"Ubuntu 22.04.4 LTS\"\n", "ubuntu", "22.04")]
    public void TryDetect_ReleaseFile_GivesDistributionAndRelease(string path, string content, string id, string release)
    {
        var distribution = ReleaseDetection.Detect(path, content);

        Assert.Equal(id, distribution?.Id);
        Assert.Equal(release, distribution?.Release);
    }

    [Fact]
    public void TryDetect_OracleLinuxWithRedHatReleaseFile_IsOracle()
    {
        // Oracle Linux ships /etc/redhat-release with Red Hat's wording next to /etc/oracle-release.
        var root = Drydock.Testing.TestPaths.Shared("pkgdb", "os-release", "claircore", "rhel", "oracle-8");

        Assert.Equal("ol", ReleaseDetection.DetectRoot(root)?.Id);
    }

    [Fact]
    public void TryDetect_DistrolessStatusDirectoryWithoutOsRelease_IsDebianFromBaseFiles()
    {
        // A distroless status.d entry for base-files as Debian 12 ships it (Version 12.4+deb12u5).
        var distribution = ReleaseDetection.Detect(
            "var/lib/dpkg/status.d/base",
            "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\nMaintainer: Santiago Vila <sanvila@debian.org>\n");

        Assert.Equal("debian", distribution?.Id);
        Assert.Equal("12", distribution?.Release);
        Assert.Equal("bookworm", distribution?.Codename);
    }

    [Fact]
    public void TryDetect_DistrolessStatusFileOfAnotherPackage_IsNotADistribution()
    {
        var content = File.ReadAllText(Drydock.Testing.TestPaths.Shared("pkgdb", "dpkg", "syft-distroless-status.d", "libsqlite3-0"));

        Assert.Null(ReleaseDetection.Detect("var/lib/dpkg/status.d/libsqlite3-0", content));
    }
}
