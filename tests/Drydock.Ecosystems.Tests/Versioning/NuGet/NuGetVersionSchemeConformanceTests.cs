using Drydock.Ecosystems.Versioning.NuGet;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning.NuGet;

/// <summary>The conformance suite on NuGet. No generated NuGet chain exists upstream, so the ascending list is the
/// NuGet documentation's own precedence example (learn.microsoft.com, "NuGet package version reference").</summary>
public sealed class NuGetVersionSchemeConformanceTests : VersionSchemeConformanceTests
{
    protected override IVersionScheme Scheme => NuGetVersionScheme.Instance;

    protected override IReadOnlyList<string> AscendingVersions =>
        ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0.1", "1.0.1", "1.1", "2.0.0"];

    protected override IReadOnlyList<string> InvalidVersions => ["", "1.0.0-", "a.b.c", "1.0.0.0.0", "1.0.0-beta..1"];
}
