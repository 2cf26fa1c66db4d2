using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems;

/// <summary>The one registration list: every ecosystem module Drydock ships. Adding an ecosystem is one line here.</summary>
public static class BuiltInEcosystems
{
    /// <summary>Every built-in module, in registration order.</summary>
    public static IReadOnlyList<IEcosystemModule> All { get; } =
    [
    ];

    /// <summary>Builds the registry of every built-in plug-in.</summary>
    public static EcosystemRegistry CreateRegistry() => EcosystemBuilder.Build(All);
}
