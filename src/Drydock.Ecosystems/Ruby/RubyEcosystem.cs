using Drydock.Ecosystems.Versioning.RubyGems;
using Drydock.Scanning.Abstractions.Ecosystems;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Ruby;

/// <summary>Ruby: installed gemspecs and Gemfile.lock, RubyGems versions.</summary>
public sealed class RubyEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "ruby";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(new GemspecPackageDetector());
        builder.AddPackageDetector(new GemfileLockPackageDetector());
        builder.AddVersionScheme(RubyGemsVersionScheme.Instance);
        builder.AddRangeSyntax(RubyGemsRangeSyntax.Instance);
        builder.MapEcosystemToScheme(EcosystemKeys.RubyGems, "rubygems");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-rubygems", "RubyGems"));
    }
}
