using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Ubuntu;

/// <summary>Recognises Ubuntu from os-release or <c>/etc/lsb-release</c>; the release is "22.04".</summary>
internal static class UbuntuReleases
{
    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("ubuntu-os-release", FromOsRelease),
        new ReleaseFileDetector("ubuntu-lsb-release", 10, path => path == "etc/lsb-release", (_, content) => FromLsbRelease(content)),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file) =>
        file.Id != "ubuntu" || file.VersionId is not { } version
            ? null
            : new Distribution
            {
                Id = "ubuntu",
                Release = version,
                Version = file.Get("VERSION") is { } full ? full.Split(' ')[0] : version,
                Codename = file.VersionCodename ?? file.Get("UBUNTU_CODENAME"),
                PrettyName = file.PrettyName,
            };

    public static Distribution? FromLsbRelease(string content)
    {
        var values = content.Split('\n')
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'), StringComparer.Ordinal);
        return values.GetValueOrDefault("DISTRIB_ID") == "Ubuntu" && values.TryGetValue("DISTRIB_RELEASE", out var release)
            ? new Distribution
            {
                Id = "ubuntu",
                Release = release,
                Version = release,
                Codename = values.GetValueOrDefault("DISTRIB_CODENAME"),
                PrettyName = values.GetValueOrDefault("DISTRIB_DESCRIPTION"),
            }
            : null;
    }
}
