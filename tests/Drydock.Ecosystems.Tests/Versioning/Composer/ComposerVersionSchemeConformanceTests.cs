using Drydock.Ecosystems.Versioning.Composer;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.Composer;

/// <summary>The conformance suite on Composer versions, over an ascending chain from osv-scanner's generated file
/// (versions that Composer's padding makes equal to their neighbour are left out: 1.0 == 1.0.0 here).</summary>
public sealed class ComposerVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => ComposerVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions =>
        [.. AscendingChain.From("osvscanner-packagist-generated.tsv", 400).Where(v => v.Count(c => c == '.') == 2 && !v.Contains('-', StringComparison.Ordinal) && !v.Any(char.IsAsciiLetter))];

    protected override IReadOnlyList<string> InvalidVersions => ["", "junk", "1.2.3.4.5", "1.0 beta", "dev"];
}
