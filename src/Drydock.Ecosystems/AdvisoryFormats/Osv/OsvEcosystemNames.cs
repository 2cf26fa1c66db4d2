using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.AdvisoryFormats.Osv;

/// <summary>OSV ecosystem names (ossf/osv-schema ecosystems.json) → Drydock ecosystem key and distribution.</summary>
internal static class OsvEcosystemNames
{
    private static readonly Dictionary<string, string> Languages = new(StringComparer.Ordinal)
    {
        ["Go"] = PackageEcosystems.Go,
        ["PyPI"] = PackageEcosystems.PyPI,
        ["crates.io"] = PackageEcosystems.Cargo,
        ["npm"] = PackageEcosystems.Npm,
        ["Maven"] = PackageEcosystems.Maven,
        ["NuGet"] = PackageEcosystems.NuGet,
        ["RubyGems"] = PackageEcosystems.RubyGems,
        ["Packagist"] = PackageEcosystems.Composer,
    };

    /// <summary>Maps an OSV ecosystem ("PyPI", "Alpine:v3.18", "Rocky Linux:9", "Debian:12"); false for
    /// ecosystems Drydock does not index (the entry is then left out, not an error).</summary>
    public static bool TryMap(string osvEcosystem, out string ecosystem, out string? distribution)
    {
        distribution = null;
        if (Languages.TryGetValue(osvEcosystem, out ecosystem!))
        {
            return true;
        }

        var colon = osvEcosystem.IndexOf(':', StringComparison.Ordinal);
        var family = colon < 0 ? osvEcosystem : osvEcosystem[..colon];
        var release = colon < 0 ? null : osvEcosystem[(colon + 1)..];
        (ecosystem, var distro) = family switch
        {
            "Alpine" => (PackageEcosystems.Apk, "alpine"),
            "Wolfi" => (PackageEcosystems.Apk, "wolfi"),
            "Chainguard" => (PackageEcosystems.Apk, "chainguard"),
            "Debian" => (PackageEcosystems.Deb, "debian"),
            "Ubuntu" => (PackageEcosystems.Deb, "ubuntu"),
            "Rocky Linux" => (PackageEcosystems.Rpm, "rocky"),
            "AlmaLinux" => (PackageEcosystems.Rpm, "almalinux"),
            _ => (string.Empty, string.Empty),
        };
        if (ecosystem.Length == 0)
        {
            return false;
        }

        if (release is null)
        {
            distribution = distro;
            return true;
        }

        // "Alpine:v3.18" → 3.18; "Ubuntu:22.04:LTS" and "Ubuntu:Pro:18.04:LTS" → the numeric part.
        var parts = release.Split(':');
        var number = parts.FirstOrDefault(p => p.Length > 0 && (char.IsAsciiDigit(p[0]) || (p[0] == 'v' && p.Length > 1 && char.IsAsciiDigit(p[1])))) ?? parts[0];
        distribution = $"{distro}:{number.TrimStart('v')}";
        return true;
    }
}
