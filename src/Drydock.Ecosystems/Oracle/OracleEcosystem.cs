using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Oracle;

/// <summary>Oracle Linux: rpm packages and ELSA from Oracle's OVAL definitions.</summary>
public sealed class OracleEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "oracle";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAdvisorySource(new OracleElsaSource());
        builder.AddPackageDetector(RpmDatabaseDetector.Instance);
        builder.AddVersionScheme(RpmVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Rpm, "rpm");
        foreach (var detector in OracleReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
    }
}
