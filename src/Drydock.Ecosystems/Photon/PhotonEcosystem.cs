using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Photon;

/// <summary>VMware Photon OS: rpm packages.</summary>
public sealed class PhotonEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "photon";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(RpmDatabaseDetector.Instance);
        builder.AddVersionScheme(RpmVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Rpm, "rpm");
        foreach (var detector in PhotonReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
    }
}
