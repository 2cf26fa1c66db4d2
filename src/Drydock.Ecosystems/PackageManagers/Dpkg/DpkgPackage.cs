using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.PackageManagers.Dpkg;

/// <summary>Turns one status stanza into a package.</summary>
internal static class DpkgPackage
{
    /// <summary>
    /// dpkg states (dpkg(1), "Package states") in which the package's files are on disk. Excluded:
    /// <c>not-installed</c> and <c>config-files</c> (removed, only configuration left).
    /// </summary>
    private static readonly HashSet<string> InstalledStates =
        ["installed", "half-configured", "triggers-awaited", "triggers-pending", "unpacked", "half-installed"];

    public static Package? FromStanza(IReadOnlyDictionary<string, string> stanza, string path, DetectionContext context)
    {
        if (!stanza.TryGetValue("Package", out var name) || name.Length == 0)
        {
            context.Warn($"{path}: a stanza without a Package field was skipped");
            return null;
        }

        // Status: want flag status, e.g. "install ok installed". status.d files of distroless images
        // often have no Status field: every file there is an installed package.
        if (stanza.TryGetValue("Status", out var status))
        {
            var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 3 || !InstalledStates.Contains(words[2]))
            {
                return null;
            }
        }

        if (!stanza.TryGetValue("Version", out var version) || version.Length == 0)
        {
            context.Warn($"{path}: package {name} has no Version; skipped");
            return null;
        }

        var architecture = stanza.GetValueOrDefault("Architecture");
        var sourceName = name;
        string? sourceVersion = null;
        if (stanza.TryGetValue("Source", out var source) && source.Length > 0)
        {
            // "Source: name" or "Source: name (version)" when the source version differs.
            var open = source.IndexOf('(', StringComparison.Ordinal);
            if (open > 0)
            {
                sourceName = source[..open].Trim();
                var close = source.IndexOf(')', open);
                sourceVersion = (close > open ? source[(open + 1)..close] : source[(open + 1)..]).Trim();
            }
            else
            {
                sourceName = source.Trim();
            }
        }

        return new Package
        {
            Ecosystem = Scanning.Abstractions.Model.Ecosystems.Deb,
            Name = name,
            Version = version,
            Architecture = architecture,
            SourceName = sourceName,
            SourceVersion = sourceVersion is not null && sourceVersion != version ? sourceVersion : null,
            Vendor = stanza.GetValueOrDefault("Maintainer"),
            FilePath = path,
            // The engine sets the namespace to the distribution's and adds distro= once it is known.
            Purl = PackageUrl.Create(Scanning.Abstractions.Model.Ecosystems.Deb, "debian", name, version, [new("arch", architecture)]),
        };
    }
}
