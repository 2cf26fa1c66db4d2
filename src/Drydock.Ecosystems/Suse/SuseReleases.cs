using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Suse;

/// <summary>Recognises SUSE Linux Enterprise Server and openSUSE Leap from os-release. The release keeps
/// the service pack ("15.5" is SLES 15 SP5), because SUSE's advisories are per service pack.</summary>
internal static class SuseReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("suse-os-release", FromOsRelease),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id is "sles" or "sled" or "opensuse-leap" && file.VersionId is { } version
            ? new Distribution { Id = file.Id, Release = version, Version = version, PrettyName = file.PrettyName, Cpe = file.CpeName }
            : null;
}
