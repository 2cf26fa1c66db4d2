using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Suse;

/// <summary>SUSE Linux Enterprise and openSUSE Leap: rpm packages.</summary>
public sealed class SuseEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "suse";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(PackageManagers.Rpm.RpmDatabaseDetector.Instance);
    }
}
