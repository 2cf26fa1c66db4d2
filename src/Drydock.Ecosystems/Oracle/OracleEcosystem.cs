using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Oracle;

/// <summary>Oracle Linux: rpm packages.</summary>
public sealed class OracleEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "oracle";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(PackageManagers.Rpm.RpmDatabaseDetector.Instance);
    }
}
