using Drydock.Ecosystems.PackageManagers.Rpm;
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
        builder.AddPackageDetector(RpmDatabaseDetector.Instance);
        builder.AddVersionScheme(RpmVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Rpm, "rpm");
        foreach (var detector in OracleReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
    }
}
