using Drydock.Ecosystems.Versioning.Maven;
using Drydock.Scanning.Abstractions.Ecosystems;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Java;

/// <summary>Java: Maven artifacts in jar, war and ear archives, the OpenJDK runtime, Maven versions.</summary>
public sealed class JavaEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "java";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(new JavaArchivePackageDetector());
        builder.AddPackageDetector(new OpenJdkReleasePackageDetector());
        builder.AddVersionScheme(MavenVersionScheme.Instance);
        builder.AddRangeSyntax(MavenRangeSyntax.Instance);
        builder.MapEcosystemToScheme(EcosystemKeys.Maven, "maven");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-maven", "Maven"));
    }
}
