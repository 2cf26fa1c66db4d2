using Drydock.Ecosystems.Versioning.Pep440;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.Pep440;

/// <summary>The conformance suite on PEP 440 (current packaging), over packaging's strictly ascending VERSIONS list.</summary>
public sealed class Pep440VersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => Pep440VersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions => VersionVectors.Lines("pep440-order.txt");

    protected override IReadOnlyList<string> InvalidVersions => VersionVectors.Lines("pep440-invalid.txt");
}
