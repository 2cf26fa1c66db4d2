using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>
/// The version-scheme conformance suite on rpm. The ascending list is rpmvercmp.at's and the Red Hat
/// fixture's own ordered cases, chained: each step is an upstream "-1" line.
/// </summary>
public sealed class RpmVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => RpmVersionScheme.Instance;

    // Each neighbour pair is a line of rpm.tsv or osvscanner-redhat.tsv with expectation -1
    // (or follows from two such lines); the test checks every pair, so a wrong chain fails.
    protected override IReadOnlyList<string> AscendingVersions { get; } =
    [
        "1.0~rc1", "1.0", "1.0^", "1.0^git1", "1.0a", "1.0.1", "2.0", "2.0.1", "2.0.1a", "5.5p1", "5.5p2", "5.5p10", "5.6p1", "6.0",
        "6.0.rc1", "10xyz", "10.1xyz", "0:11-1", "0:11-2", "1:1", "1:2", "3:1~1",
    ];

    // rpm's parser accepts every other non-empty string ("1:", "a:b:c"); see RpmVersionSchemeTests.
    protected override IReadOnlyList<string> InvalidVersions { get; } = ["", "1.0 1"];
}
