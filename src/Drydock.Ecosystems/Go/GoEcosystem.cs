using Drydock.Ecosystems.Versioning.Go;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Go;

/// <summary>Go: module build information in binaries, Go module versions.</summary>
public sealed class GoEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "go";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(Binaries.ExecutablePackageDetector.Instance);
        builder.AddVersionScheme(GoVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Go, "go");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-go", "Go"));
    }
}
