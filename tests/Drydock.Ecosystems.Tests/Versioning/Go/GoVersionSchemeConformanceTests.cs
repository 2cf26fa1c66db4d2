using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Ecosystems.Versioning.Go;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.Go;

/// <summary>The conformance suite on Go versions, over the ascending part of x/mod/semver's test table.</summary>
public sealed class GoVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => GoVersionScheme.Instance;

    // semver_test.go's table order (valid, distinct canonical forms), which TestCompare treats as ascending.
    protected override IReadOnlyList<string> AscendingVersions { get; } =
    [
        "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta", "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1",
        "v1.0.0", "v1.2.0", "v1.2.3-456", "v1.2.3-456.789", "v1.2.3-456-789", "v1.2.3-456a", "v1.2.3-pre", "v1.2.3-pre.1",
        "v1.2.3-zzz", "v1.2.3",
    ];

    protected override IReadOnlyList<string> InvalidVersions { get; } = ["bad", "v1-pre", "v1.2+meta", "v01.2.3", "v1.2.3-01", ""];
}
