using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.AzureLinux;

/// <summary>Recognises Azure Linux 3 (ID=azurelinux) and its predecessor CBL-Mariner (ID=mariner) from
/// os-release; the release is "3.0" or "2.0" (the major.minor of VERSION_ID).</summary>
internal static class AzureLinuxReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("azurelinux-os-release", FromOsRelease),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id is "azurelinux" or "mariner" && file.VersionId is { } version
            ? new Distribution { Id = file.Id, Release = ReleaseVersions.MajorMinor(version), Version = version, PrettyName = file.PrettyName }
            : null;
}
