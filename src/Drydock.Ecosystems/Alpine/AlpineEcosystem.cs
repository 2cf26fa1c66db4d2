using Drydock.Ecosystems.PackageManagers.Apk;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Alpine;

/// <summary>Alpine Linux: apk packages and the Alpine secdb, matching by branch.</summary>
public sealed class AlpineEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "alpine";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddVersionScheme(ApkVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Apk, "apk");
        builder.AddPackageDetector(PackageManagers.Apk.ApkInstalledDetector.Shared);
        foreach (var detector in AlpineReleases.Detectors)
        {
            builder.AddDistributionDetector(detector);
        }
        builder.AddAdvisorySource(new AlpineSecdbSource());
    }
}
