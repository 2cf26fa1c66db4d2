using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Ruby;

/// <summary>Builds RubyGems package records.</summary>
internal static class RubyGems
{
    public const long MaxFileBytes = 16L * 1024 * 1024;

    public static Package Create(string name, string version, string filePath, string? license = null) => new()
    {
        Ecosystem = EcosystemKeys.RubyGems,
        Name = name,
        Version = version,
        License = license,
        Purl = PackageUrl.Create(EcosystemKeys.RubyGems, null, name, version),
        FilePath = filePath,
    };
}
