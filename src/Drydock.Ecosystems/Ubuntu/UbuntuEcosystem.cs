using Drydock.Ecosystems.PackageManagers.Dpkg;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Ubuntu;

/// <summary>Ubuntu: dpkg packages, the Ubuntu CVE tracker, matching by source package.</summary>
public sealed class UbuntuEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "ubuntu";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAdvisorySource(new UbuntuTrackerSource());
        builder.AddVersionScheme(DpkgVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Deb, "deb");
        builder.AddPackageDetector(PackageManagers.Dpkg.DpkgStatusDetector.Shared);
        foreach (var detector in UbuntuReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
    }
}
