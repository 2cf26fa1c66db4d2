using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Rust;

/// <summary>Builds crates.io package records.</summary>
internal static class Crates
{
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static Package Create(string name, string version, string filePath) => new()
    {
        Ecosystem = EcosystemKeys.Cargo,
        Name = name,
        Version = version,
        Purl = PackageUrl.Create(EcosystemKeys.Cargo, null, name, version),
        FilePath = filePath,
    };
}
