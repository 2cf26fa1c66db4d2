using Drydock.Scanning.Abstractions.Ecosystems;

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
    }
}
