using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Npm;

/// <summary>Builds npm package records: the name as npm spells it, the purl with the scope as namespace.</summary>
internal static class NpmPackages
{
    /// <summary>The largest lockfile or manifest read into memory; bigger ones are refused with a warning.</summary>
    public const long MaxFileBytes = 128L * 1024 * 1024;

    public static Package Create(string name, string version, string filePath, bool development = false, string? installPath = null)
    {
        string? scope = null;
        var bare = name;
        if (name.StartsWith('@'))
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                scope = name[..slash];
                bare = name[(slash + 1)..];
            }
        }

        return new Package
        {
            Ecosystem = EcosystemKeys.Npm,
            Name = name,
            Version = version,
            Purl = PackageUrl.Create(EcosystemKeys.Npm, scope, bare, version),
            FilePath = filePath,
            Development = development,
            InstallPath = installPath,
        };
    }

    /// <summary>The folder <paramref name="relative"/> (a lock file's <c>node_modules/a/node_modules/b</c>) names, next
    /// to the lock file at <paramref name="lockPath"/>.</summary>
    public static string InstallPathNextTo(string lockPath, string relative)
    {
        var slash = lockPath.LastIndexOf('/');
        return slash < 0 ? relative : $"{lockPath[..slash]}/{relative}";
    }

    /// <summary>Splits "name@range" or "@scope/name@range" at the version separator.</summary>
    public static (string Name, string Range) SplitSpecifier(string specifier)
    {
        var at = specifier.IndexOf('@', 1);
        return at < 0 ? (specifier, string.Empty) : (specifier[..at], specifier[(at + 1)..]);
    }

    /// <summary>True for a name npm could have published (not empty, no spaces).</summary>
    public static bool IsPlausibleName(string name) =>
        name.Length is > 0 and <= 214 && !name.Contains(' ', StringComparison.Ordinal);
}
