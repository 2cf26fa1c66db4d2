using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Scanning.Abstractions.Ecosystems;

/// <summary>
/// Collects the plug-ins of every module. A plug-in instance contributed by several modules (the apk
/// detector of Alpine and Wolfi) is kept once; two different plug-ins with one name fail at start-up.
/// </summary>
public sealed class EcosystemBuilder
{
    private readonly Dictionary<string, IPackageDetector> _packageDetectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDistributionDetector> _distributionDetectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IVersionScheme> _versionSchemes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IRangeSyntax> _rangeSyntaxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IAdvisorySource> _advisorySources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ecosystemSchemes = new(StringComparer.Ordinal);
    private readonly List<string> _modules = [];

    /// <summary>Adds a package detector.</summary>
    public EcosystemBuilder AddPackageDetector(IPackageDetector detector) =>
        Add(_packageDetectors, detector.Name, detector, "package detector");

    /// <summary>Adds a distribution detector.</summary>
    public EcosystemBuilder AddDistributionDetector(IDistributionDetector detector) =>
        Add(_distributionDetectors, detector.Name, detector, "distribution detector");

    /// <summary>Adds a version scheme.</summary>
    public EcosystemBuilder AddVersionScheme(IVersionScheme scheme) =>
        Add(_versionSchemes, scheme.Name, scheme, "version scheme");

    /// <summary>Adds a range syntax.</summary>
    public EcosystemBuilder AddRangeSyntax(IRangeSyntax syntax) =>
        Add(_rangeSyntaxes, syntax.Name, syntax, "range syntax");

    /// <summary>Adds an advisory source.</summary>
    public EcosystemBuilder AddAdvisorySource(IAdvisorySource source) =>
        Add(_advisorySources, source.Name, source, "advisory source");

    /// <summary>Says which version scheme compares the versions of a package ecosystem key
    /// ("deb" → "deb", "golang" → "go", "gem" → "rubygems").</summary>
    public EcosystemBuilder MapEcosystemToScheme(string ecosystem, string scheme)
    {
        if (_ecosystemSchemes.TryGetValue(ecosystem, out var existing) && existing != scheme)
        {
            throw new InvalidOperationException($"Ecosystem '{ecosystem}' is mapped to version scheme '{existing}' and '{scheme}'.");
        }

        _ecosystemSchemes[ecosystem] = scheme;
        return this;
    }

    /// <summary>Registers every module and freezes the result.</summary>
    public static EcosystemRegistry Build(IEnumerable<IEcosystemModule> modules)
    {
        var builder = new EcosystemBuilder();
        foreach (var module in modules)
        {
            if (builder._modules.Contains(module.Name))
            {
                throw new InvalidOperationException($"Two ecosystem modules are named '{module.Name}'.");
            }

            builder._modules.Add(module.Name);
            module.Register(builder);
        }

        foreach (var (ecosystem, scheme) in builder._ecosystemSchemes)
        {
            if (!builder._versionSchemes.ContainsKey(scheme))
            {
                throw new InvalidOperationException($"Ecosystem '{ecosystem}' is mapped to version scheme '{scheme}', which no module registers.");
            }
        }

        return new EcosystemRegistry(
            builder._modules,
            builder._packageDetectors.Values,
            builder._distributionDetectors.Values,
            builder._versionSchemes,
            builder._rangeSyntaxes,
            builder._advisorySources.Values,
            builder._ecosystemSchemes);
    }

    private EcosystemBuilder Add<T>(Dictionary<string, T> map, string name, T plugin, string kind)
        where T : class
    {
        if (map.TryGetValue(name, out var existing))
        {
            if (ReferenceEquals(existing, plugin))
            {
                return this;
            }

            throw new InvalidOperationException($"Two {kind}s are named '{name}': {existing.GetType().FullName} and {plugin.GetType().FullName}.");
        }

        map.Add(name, plugin);
        return this;
    }
}
