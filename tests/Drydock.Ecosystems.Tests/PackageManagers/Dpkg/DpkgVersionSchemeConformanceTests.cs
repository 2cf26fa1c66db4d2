using Drydock.Ecosystems.PackageManagers.Dpkg;
using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.PackageManagers.Dpkg;

/// <summary>The version-scheme conformance suite on dpkg, over the longest ascending chain osv-scanner's generated Debian fixture gives.</summary>
public sealed class DpkgVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => DpkgVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions { get; } = OrderedVectors.LongestChain("osvscanner-debian-generated.tsv", 400);

    // "abc" and "1.0-1/2" are not here: dpkg parses them with a warning and compares them.
    protected override IReadOnlyList<string> InvalidVersions { get; } = ["", "1.0 1", "a:1", ":1"];
}
