using Drydock.Ecosystems.PackageManagers.Apk;
using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.PackageManagers.Apk;

/// <summary>The version-scheme conformance suite on apk, over the longest ascending chain of osv-scanner's generated Alpine fixture (ordered by apk).</summary>
public sealed class ApkVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => ApkVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions { get; } = OrderedVectors.LongestChain("osvscanner-alpine-generated.tsv", 400);

    // From apk-valid.tsv's invalid lines.
    protected override IReadOnlyList<string> InvalidVersions { get; } = ["", "0.1bc", "0.1_foobar", "0.1-r2-r3", ".1", "a", "0.1_pre2~"];
}
