using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.AzureLinux;

/// <summary>Azure Linux (CBL-Mariner): rpm packages.</summary>
public sealed class AzureLinuxEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "azurelinux";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(RpmDatabaseDetector.Instance);
        builder.AddVersionScheme(RpmVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Rpm, "rpm");
        foreach (var detector in AzureLinuxReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
    }
}
