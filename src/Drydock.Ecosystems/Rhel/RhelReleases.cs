using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Rhel;

/// <summary>Recognises RHEL (and UBI), CentOS, Rocky Linux, AlmaLinux and Fedora from os-release or
/// the redhat-release family of files. The release is the major version ("9" for RHEL 9.3).</summary>
internal static class RhelReleases
{
    private static readonly HashSet<string> Ids = ["rhel", "centos", "rocky", "almalinux", "fedora"];

    private static readonly HashSet<string> ReleaseFiles =
    [
        "etc/redhat-release", "etc/centos-release", "etc/rocky-release", "etc/almalinux-release", "etc/fedora-release",
    ];

    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("rhel-os-release", FromOsRelease),
        new ReleaseFileDetector("redhat-release", 20, ReleaseFiles.Contains, (_, content) => FromReleaseLine(content)),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id is { } id && Ids.Contains(id) && file.VersionId is { } version
            ? new Distribution
            {
                Id = id,
                Release = ReleaseVersions.Major(version),
                Version = version,
                Codename = file.Get("VERSION")?.Split('(', ')') is [_, var codename, ..] ? codename : null,
                PrettyName = file.PrettyName,
                Cpe = file.CpeName,
            }
            : null;

    public static Distribution? FromReleaseLine(string content)
    {
        if (ReleaseVersions.ParseReleaseLine(content) is not { } line)
        {
            return null;
        }

        string? id = line.Name switch
        {
            var n when n.StartsWith("Red Hat Enterprise Linux", StringComparison.Ordinal) => "rhel",
            var n when n.StartsWith("CentOS", StringComparison.Ordinal) => "centos",
            var n when n.StartsWith("Rocky Linux", StringComparison.Ordinal) => "rocky",
            var n when n.StartsWith("AlmaLinux", StringComparison.Ordinal) => "almalinux",
            var n when n.StartsWith("Fedora", StringComparison.Ordinal) => "fedora",
            _ => null,
        };
        return id is null
            ? null
            : new Distribution
            {
                Id = id,
                Release = ReleaseVersions.Major(line.Version),
                Version = line.Version,
                Codename = line.Codename,
                PrettyName = content.Trim(),
            };
    }
}
