using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Ecosystems.Versioning.SemVer;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.SemVer;

/// <summary>The conformance suite on npm (loose), over the SemVer 2.0.0 §11 example chain and node-semver's comparison fixtures.</summary>
public sealed class NpmVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => NpmVersionScheme.Instance;

    // SemVer §11's chain (also osvscanner-semver.tsv lines 1-10), extended with npm-semver.tsv pairs.
    protected override IReadOnlyList<string> AscendingVersions { get; } =
    [
        "0.0.0-foo", "0.0.0", "0.0.1", "0.9.0", "0.9.9", "0.10.0", "0.99.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
        "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.2.3-4", "1.2.3-5", "1.2.3-4-foo",
        "1.2.3-5-Foo", "1.2.3-5-foo", "1.2.3-R2", "1.2.3-a", "1.2.3-a.5", "1.2.3-a.10", "1.2.3-a.b", "1.2.3-asdf", "1.2.3-r100",
        "1.2.3-r2", "1.2.3", "2.0.0", "2.7.2+asdf", "3.0.0",
    ];

    // "1.2.3-" is not here: loose mode reads it as the pre-release "-" (node-semver: 1.2.3--).
    protected override IReadOnlyList<string> InvalidVersions { get; } = ["", "1.2", "1.2.3.4", "a.b.c", "1.2.3-+", "x"];
}
