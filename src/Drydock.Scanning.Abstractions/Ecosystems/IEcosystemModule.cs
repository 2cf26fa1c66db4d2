namespace Drydock.Scanning.Abstractions.Ecosystems;

/// <summary>Everything one ecosystem contributes. Exactly one per ecosystem folder, listed in BuiltInEcosystems.</summary>
public interface IEcosystemModule
{
    /// <summary>Stable lowercase id used in configuration and logs, e.g. "alpine".</summary>
    string Name { get; }

    /// <summary>Adds the ecosystem's detectors, version schemes, range syntaxes and advisory sources.</summary>
    void Register(EcosystemBuilder builder);
}
