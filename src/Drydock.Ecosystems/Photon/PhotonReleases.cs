using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Photon;

/// <summary>Recognises VMware Photon OS from os-release; the release is "5.0" as Photon's advisories name it.</summary>
internal static class PhotonReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("photon-os-release", FromOsRelease),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id == "photon" && file.VersionId is { } version
            ? new Distribution { Id = "photon", Release = version, Version = version, PrettyName = file.PrettyName }
            : null;
}
