using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Alpine;

/// <summary>Recognises Alpine from os-release or <c>/etc/alpine-release</c>. The release is the
/// branch: "3.10" for 3.10.4; pre-releases (3.21.0_alpha…) are "edge".</summary>
internal static class AlpineReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("alpine-os-release", FromOsRelease),
        new ReleaseFileDetector("alpine-release", 20, path => path == "etc/alpine-release", (_, content) => FromVersion(content.Trim(), null)),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id == "alpine" && file.VersionId is { } version ? FromVersion(version, file.PrettyName) : null;

    public static Distribution? FromVersion(string version, string? prettyName)
    {
        if (version.Length == 0 || !char.IsAsciiDigit(version[0]))
        {
            return null;
        }

        var edge = version.Contains('_', StringComparison.Ordinal) || (prettyName?.Contains("edge", StringComparison.Ordinal) ?? false);
        return new Distribution
        {
            Id = "alpine",
            Release = edge ? "edge" : ReleaseVersions.MajorMinor(version),
            Version = version,
            PrettyName = prettyName,
        };
    }
}
