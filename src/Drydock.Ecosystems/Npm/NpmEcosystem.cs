using Drydock.Ecosystems.Versioning.SemVer;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Npm;

/// <summary>npm: installed node_modules, lockfiles, the Node.js runtime, SemVer and npm ranges.</summary>
public sealed class NpmEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "npm";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(new NodeModulesPackageDetector());
        builder.AddPackageDetector(new PackageLockPackageDetector());
        builder.AddPackageDetector(new YarnLockPackageDetector());
        builder.AddPackageDetector(new PnpmLockPackageDetector());
        builder.AddPackageDetector(new NodeRuntimePackageDetector());
        builder.AddVersionScheme(SemVerVersionScheme.Instance)
            .AddVersionScheme(NpmVersionScheme.Instance)
            .AddRangeSyntax(NpmRangeSyntax.Instance)
            .MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Npm, "npm");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-npm", "npm"));
    }
}
