using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Scanning.Abstractions.Ecosystems;

/// <summary>The immutable set of plug-ins the engine works with, built once at start-up.</summary>
public sealed class EcosystemRegistry
{
    private readonly FrozenDictionary<string, IVersionScheme> _versionSchemes;
    private readonly FrozenDictionary<string, IRangeSyntax> _rangeSyntaxes;
    private readonly FrozenDictionary<string, string> _ecosystemSchemes;

    internal EcosystemRegistry(
        IReadOnlyList<string> modules,
        IEnumerable<IPackageDetector> packageDetectors,
        IEnumerable<IDistributionDetector> distributionDetectors,
        IReadOnlyDictionary<string, IVersionScheme> versionSchemes,
        IReadOnlyDictionary<string, IRangeSyntax> rangeSyntaxes,
        IEnumerable<IAdvisorySource> advisorySources,
        IReadOnlyDictionary<string, string> ecosystemSchemes)
    {
        Modules = [.. modules];
        PackageDetectors = [.. packageDetectors.OrderBy(d => d.Name, StringComparer.Ordinal)];
        DistributionDetectors = [.. distributionDetectors.OrderBy(d => d.Priority).ThenBy(d => d.Name, StringComparer.Ordinal)];
        AdvisorySources = [.. advisorySources.OrderBy(s => s.Name, StringComparer.Ordinal)];
        _versionSchemes = versionSchemes.ToFrozenDictionary(StringComparer.Ordinal);
        _rangeSyntaxes = rangeSyntaxes.ToFrozenDictionary(StringComparer.Ordinal);
        _ecosystemSchemes = ecosystemSchemes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The module names, in registration order.</summary>
    public IReadOnlyList<string> Modules { get; }

    /// <summary>Package detectors, by name.</summary>
    public IReadOnlyList<IPackageDetector> PackageDetectors { get; }

    /// <summary>Distribution detectors, by priority.</summary>
    public IReadOnlyList<IDistributionDetector> DistributionDetectors { get; }

    /// <summary>Advisory sources, by name.</summary>
    public IReadOnlyList<IAdvisorySource> AdvisorySources { get; }

    /// <summary>Version schemes, by name.</summary>
    public IEnumerable<IVersionScheme> VersionSchemes => _versionSchemes.Values;

    /// <summary>Finds a version scheme by its name ("deb", "pypi" …).</summary>
    public bool TryGetVersionScheme(string name, [NotNullWhen(true)] out IVersionScheme? scheme) =>
        _versionSchemes.TryGetValue(name, out scheme);

    /// <summary>Finds the version scheme of a package ecosystem key ("deb", "golang", "gem" …).</summary>
    public bool TryGetSchemeForEcosystem(string ecosystem, [NotNullWhen(true)] out IVersionScheme? scheme)
    {
        scheme = null;
        return _ecosystemSchemes.TryGetValue(ecosystem, out var name) && _versionSchemes.TryGetValue(name, out scheme);
    }

    /// <summary>Finds a range syntax by its name.</summary>
    public bool TryGetRangeSyntax(string name, [NotNullWhen(true)] out IRangeSyntax? syntax) =>
        _rangeSyntaxes.TryGetValue(name, out syntax);
}
