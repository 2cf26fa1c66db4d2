using Drydock.Ecosystems.PackageManagers.Apk;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Wolfi;

/// <summary>Wolfi and Chainguard: apk packages and their secdb feeds.</summary>
public sealed class WolfiEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "wolfi";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVersionScheme(ApkVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Apk, "apk");
        builder.AddPackageDetector(PackageManagers.Apk.ApkInstalledDetector.Shared);
        foreach (var detector in WolfiReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
        builder.AddAdvisorySource(new WolfiSecdbSource());
        builder.AddAdvisorySource(new ChainguardSecdbSource());
    }
}
