using Drydock.Ecosystems.Versioning.NuGet;
using Drydock.Scanning.Abstractions.Ecosystems;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.DotNet;

/// <summary>.NET: deps.json and packages.lock.json, the .NET runtime, NuGet versions.</summary>
public sealed class DotNetEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "dotnet";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(new DepsJsonPackageDetector());
        builder.AddPackageDetector(new PackagesLockPackageDetector());
        builder.AddPackageDetector(new DotNetRuntimePackageDetector());
        builder.AddVersionScheme(NuGetVersionScheme.Instance);
        builder.AddRangeSyntax(NuGetRangeSyntax.Instance);
        builder.MapEcosystemToScheme(EcosystemKeys.NuGet, "nuget");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-nuget", "NuGet"));
    }
}
