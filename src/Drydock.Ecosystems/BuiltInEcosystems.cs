using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems;

/// <summary>The one registration list: every ecosystem module Drydock ships. Adding an ecosystem is one line here.</summary>
public static class BuiltInEcosystems
{
    /// <summary>Every built-in module, in registration order.</summary>
    public static IReadOnlyList<IEcosystemModule> All { get; } =
    [
        new Debian.DebianEcosystem(),
        new Ubuntu.UbuntuEcosystem(),
        new Alpine.AlpineEcosystem(),
        new Wolfi.WolfiEcosystem(),
        new Rhel.RhelEcosystem(),
        new Amazon.AmazonEcosystem(),
        new Oracle.OracleEcosystem(),
        new Suse.SuseEcosystem(),
        new Photon.PhotonEcosystem(),
        new AzureLinux.AzureLinuxEcosystem(),
        new Npm.NpmEcosystem(),
        new PyPI.PyPIEcosystem(),
        new Go.GoEcosystem(),
        new Java.JavaEcosystem(),
        new DotNet.DotNetEcosystem(),
        new Ruby.RubyEcosystem(),
        new Rust.RustEcosystem(),
        new Php.PhpEcosystem(),
    ];

    /// <summary>Builds the registry of every built-in plug-in.</summary>
    public static EcosystemRegistry CreateRegistry() => EcosystemBuilder.Build(All);

    /// <summary>Every advisory source Drydock updates: the ecosystems' own, then the enrichment sources (NVD, KEV, EPSS).</summary>
    public static IReadOnlyList<IAdvisorySource> AdvisorySources() =>
        [.. CreateRegistry().AdvisorySources, .. AdvisoryFormats.EnrichmentSources.All];
}
