using Drydock.Ecosystems.Versioning.Composer;
using Drydock.Scanning.Abstractions.Ecosystems;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Php;

/// <summary>PHP: composer.lock and installed.json, Composer versions.</summary>
public sealed class PhpEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "php";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(new ComposerLockPackageDetector());
        builder.AddPackageDetector(new ComposerInstalledPackageDetector());
        builder.AddVersionScheme(ComposerVersionScheme.Instance);
        builder.AddRangeSyntax(ComposerRangeSyntax.Instance);
        builder.MapEcosystemToScheme(EcosystemKeys.Composer, "composer");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-packagist", "Packagist"));
    }
}
