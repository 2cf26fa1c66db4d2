using Drydock.Scanning.Abstractions.Ecosystems;

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
    }
}
