using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Rhel;

/// <summary>Red Hat Enterprise Linux and UBI, CentOS, Rocky, AlmaLinux, Fedora: rpm packages, Red Hat CSAF VEX and OSV.</summary>
public sealed class RhelEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "rhel";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAdvisorySource(new RedHatVexSource());
        builder.AddPackageDetector(RpmDatabaseDetector.Instance);
        builder.AddVersionScheme(RpmVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Rpm, "rpm");
        foreach (var detector in RhelReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-rocky", "Rocky Linux"));
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-almalinux", "AlmaLinux"));
    }
}
