using Drydock.Ecosystems.PackageManagers.Dpkg;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Debian;

/// <summary>Debian and distroless: dpkg packages, the Debian security tracker, matching by source package.</summary>
public sealed class DebianEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "debian";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVersionScheme(DpkgVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Deb, "deb");
        builder.AddPackageDetector(PackageManagers.Dpkg.DpkgStatusDetector.Shared);
        foreach (var detector in DebianReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
        builder.AddAdvisorySource(new DebianTrackerSource());
    }
}
