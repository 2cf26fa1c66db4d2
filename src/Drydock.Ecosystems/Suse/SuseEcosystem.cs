using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Suse;

/// <summary>SUSE Linux Enterprise and openSUSE Leap: rpm packages and SUSE's OVAL vulnerability definitions.</summary>
public sealed class SuseEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "suse";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAdvisorySource(new SuseOvalSource());
        builder.AddPackageDetector(RpmDatabaseDetector.Instance);
        builder.AddVersionScheme(RpmVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Rpm, "rpm");
        foreach (var detector in SuseReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
    }
}
