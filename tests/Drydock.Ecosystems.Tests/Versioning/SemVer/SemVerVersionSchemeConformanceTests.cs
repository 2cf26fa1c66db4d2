using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Ecosystems.Versioning.SemVer;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.SemVer;

/// <summary>The conformance suite on SemVer 2.0.0 and on Cargo (the same order), over the specification's §11 chain and osv-scanner's SEMVER fixture.</summary>
public sealed class SemVerVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => SemVerVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions { get; } =
    [
        "0.0.0-foo", "0.0.0", "0.0.1", "0.9.0", "0.9.9", "0.10.0", "0.99.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
        "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.2.3-4", "1.2.3-5", "1.2.3-4-foo",
        "1.2.3-5-Foo", "1.2.3-5-foo", "1.2.3-a.5", "1.2.3-a.10", "1.2.3-a.b", "1.2.3", "2.0.0", "2.7.2+asdf", "3.0.0",
        "999999999999999999999999999991.0.0", "999999999999999999999999999999.0.0",
    ];

    protected override IReadOnlyList<string> InvalidVersions { get; } = ["", "v1.0.0", "1.0", "1.0.0.0", "01.0.0", "1.0.0-01", "1.0.0+"];
}

/// <summary>The conformance suite on Cargo.</summary>
public sealed class CargoVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => CargoVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions { get; } =
        ["0.1.0-alpha", "0.1.0", "0.1.1", "0.2.0-rc.1", "0.2.0", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0", "1.0.1", "10.0.0"];

    protected override IReadOnlyList<string> InvalidVersions { get; } = ["", "v1.0.0", "1.0", "1.0.0-"];
}
