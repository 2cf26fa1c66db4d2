using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Wolfi;

/// <summary>Recognises Wolfi and Chainguard OS from os-release. Both are rolling distributions without
/// releases: the release is "rolling" and the os-release VERSION_ID (a date) is kept as the version.</summary>
internal static class WolfiReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("wolfi-os-release", FromOsRelease),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id is "wolfi" or "chainguard"
            ? new Distribution { Id = file.Id, Release = "rolling", Version = file.VersionId, PrettyName = file.PrettyName }
            : null;
}
