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
        builder.AddAdvisorySource(new AlpineSecdbSource());
    }
}
