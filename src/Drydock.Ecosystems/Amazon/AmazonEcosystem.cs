using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Amazon;

/// <summary>Amazon Linux 2 and 2023: rpm packages and ALAS.</summary>
public sealed class AmazonEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "amazon";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAdvisorySource(new AmazonAlasSource());
        builder.AddPackageDetector(RpmDatabaseDetector.Instance);
        builder.AddVersionScheme(RpmVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Rpm, "rpm");
        foreach (var detector in AmazonReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
    }
}
