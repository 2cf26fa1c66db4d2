using Drydock.Ecosystems.Versioning.Maven;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.Maven;

/// <summary>The conformance suite on Maven 4 ComparableVersion, over an ascending chain from osv-scanner's generated
/// file (consecutive rows that say "-1", skipping versions in rows of another generation).</summary>
public sealed class MavenVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => MavenVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions =>
        [.. AscendingChain.From("osvscanner-maven-generated.tsv", 400).Where(v => !v.Contains('_', StringComparison.Ordinal) && !v.Contains(".sec", StringComparison.Ordinal) && !v.Contains("rc", StringComparison.OrdinalIgnoreCase) && !v.Contains("beta", StringComparison.OrdinalIgnoreCase))];

    protected override IReadOnlyList<string> InvalidVersions => ["", "1.0 beta", "1.0/2", new string('1', 300)];
}
