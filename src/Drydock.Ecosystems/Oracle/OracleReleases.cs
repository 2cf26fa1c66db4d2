using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Oracle;

/// <summary>Recognises Oracle Linux from os-release (ID=ol) or <c>/etc/oracle-release</c>. It runs before
/// redhat-release because Oracle Linux also ships a redhat-release file with Red Hat's wording.</summary>
internal static class OracleReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("oracle-os-release", FromOsRelease),
        new ReleaseFileDetector("oracle-release", 15, path => path == "etc/oracle-release", (_, content) => FromReleaseLine(content)),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id == "ol" && file.VersionId is { } version
            ? new Distribution { Id = "ol", Release = ReleaseVersions.Major(version), Version = version, PrettyName = file.PrettyName, Cpe = file.CpeName }
            : null;

    public static Distribution? FromReleaseLine(string content) =>
        ReleaseVersions.ParseReleaseLine(content) is { } line && line.Name.StartsWith("Oracle Linux", StringComparison.Ordinal)
            ? new Distribution { Id = "ol", Release = ReleaseVersions.Major(line.Version), Version = line.Version, PrettyName = content.Trim() }
            : null;
}
