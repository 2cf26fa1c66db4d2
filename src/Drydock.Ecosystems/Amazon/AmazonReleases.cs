using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Amazon;

/// <summary>Recognises Amazon Linux from os-release (ID=amzn) or <c>/etc/system-release</c>. The release
/// is "2" or "2023" (2023.3.20240131 → 2023); Amazon Linux AMI 1 keeps its "2018.03".</summary>
internal static class AmazonReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("amazon-os-release", FromOsRelease),
        new ReleaseFileDetector("amazon-system-release", 18, path => path == "etc/system-release", (_, content) => FromSystemRelease(content)),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id == "amzn" && file.VersionId is { } version
            ? new Distribution { Id = "amzn", Release = Normalize(version), Version = version, PrettyName = file.PrettyName, Cpe = file.CpeName }
            : null;

    public static Distribution? FromSystemRelease(string content) =>
        ReleaseVersions.ParseReleaseLine(content) is { } line && line.Name.StartsWith("Amazon Linux", StringComparison.Ordinal)
            ? new Distribution { Id = "amzn", Release = Normalize(line.Version), Version = line.Version, Codename = line.Codename, PrettyName = content.Trim() }
            : null;

    private static string Normalize(string version)
    {
        // Amazon Linux 2 is "2"; 2023 and later carry the year first (2023.3.20240131); the old
        // Amazon Linux AMI is named by year and month (2018.03).
        var major = ReleaseVersions.Major(version);
        if (major.Length == 4 && int.TryParse(major, out var year))
        {
            return year >= 2022 ? major : ReleaseVersions.MajorMinor(version);
        }

        return major;
    }
}
