using Drydock.Ecosystems.Versioning.RubyGems;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.RubyGems;

/// <summary>The conformance suite on Gem::Version, over an ascending chain from osv-scanner's generated file.</summary>
public sealed class RubyGemsVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => RubyGemsVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions => AscendingChain.From("osvscanner-rubygems-generated.tsv", 400);

    protected override IReadOnlyList<string> InvalidVersions => VersionVectors.Lines("rubygems-invalid.txt");
}
