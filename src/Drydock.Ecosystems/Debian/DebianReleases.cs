using Drydock.Ecosystems.Releases;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Debian;

/// <summary>
/// Recognises Debian: os-release (ID=debian), <c>/etc/debian_version</c>, and distroless images that
/// have only <c>/var/lib/dpkg/status.d/</c>, from the version of their base-files package (which
/// Debian numbers after the release: 12.4+deb12u5 is Debian 12). The release is the major version.
/// </summary>
internal static class DebianReleases
{
    /// <summary>Debian codenames by release, for files that give only one of the two.</summary>
    private static readonly Dictionary<string, string> Codenames = new(StringComparer.Ordinal)
    {
        ["7"] = "wheezy", ["8"] = "jessie", ["9"] = "stretch", ["10"] = "buster",
        ["11"] = "bullseye", ["12"] = "bookworm", ["13"] = "trixie", ["14"] = "forky",
    };

    public static IReadOnlyList<IDistributionDetector> Detectors { get; } =
    [
        new OsReleaseDetector("debian-os-release", FromOsRelease),
        new ReleaseFileDetector("debian-version", 20, path => path == "etc/debian_version", (_, content) => FromDebianVersion(content)),
        new ReleaseFileDetector("debian-distroless", 90, IsStatusFile, (_, content) => FromBaseFiles(content)),
    ];

    public static Distribution? FromOsRelease(OsReleaseFile file)
    {
        if (file.Id != "debian")
        {
            return null;
        }

        var codename = file.VersionCodename;
        var release = file.VersionId is { } id ? ReleaseVersions.Major(id)
            : codename is not null ? Codenames.FirstOrDefault(c => c.Value == codename).Key ?? codename
            : "unstable";
        return new Distribution
        {
            Id = "debian",
            Release = release,
            Version = file.VersionId,
            Codename = codename ?? Codenames.GetValueOrDefault(release),
            PrettyName = file.PrettyName,
        };
    }

    public static Distribution? FromDebianVersion(string content)
    {
        var value = content.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (char.IsAsciiDigit(value[0]))
        {
            var release = ReleaseVersions.Major(value);
            return new Distribution { Id = "debian", Release = release, Version = value, Codename = Codenames.GetValueOrDefault(release) };
        }

        // Testing and unstable write "trixie/sid".
        var codename = value.Split('/')[0];
        var known = Codenames.FirstOrDefault(c => c.Value == codename).Key;
        return new Distribution { Id = "debian", Release = known ?? codename, Codename = codename };
    }

    public static Distribution? FromBaseFiles(string content)
    {
        string? package = null;
        foreach (var line in content.Split('\n'))
        {
            if (line.StartsWith("Package:", StringComparison.Ordinal))
            {
                package = line["Package:".Length..].Trim();
            }
            else if (package == "base-files" && line.StartsWith("Version:", StringComparison.Ordinal))
            {
                var version = line["Version:".Length..].Trim();
                if (version.Length == 0 || !char.IsAsciiDigit(version[0]) || version.Contains("ubuntu", StringComparison.Ordinal))
                {
                    return null;
                }

                var release = ReleaseVersions.Major(version);
                return new Distribution
                {
                    Id = "debian",
                    Release = release,
                    Version = version,
                    Codename = Codenames.GetValueOrDefault(release),
                    PrettyName = Codenames.TryGetValue(release, out var c) ? $"Debian GNU/Linux {release} ({c})" : null,
                };
            }
        }

        return null;
    }

    private static bool IsStatusFile(string path) =>
        path.StartsWith("var/lib/dpkg/status.d/", StringComparison.Ordinal) && !path.EndsWith(".md5sums", StringComparison.Ordinal);
}
