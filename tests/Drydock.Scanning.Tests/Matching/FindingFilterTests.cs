using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Matching;

namespace Drydock.Scanning.Tests.Matching;

/// <summary>The rules behind <c>drydock scan --severity --ignore-unfixed --show-suppressed --ignore-file</c>.</summary>
public sealed class FindingFilterTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static readonly Finding Fixed = Make("CVE-2024-0001", Severity.High, "1.2", FindingStatus.Fixed);
    private static readonly Finding Unfixed = Make("CVE-2024-0002", Severity.Critical, null, FindingStatus.Affected, ["GHSA-aaaa-bbbb-cccc"]);
    private static readonly Finding NotAffected = Make("CVE-2024-0003", Severity.Low, null, FindingStatus.NotAffected);
    private static readonly Finding[] All = [Fixed, Unfixed, NotAffected];

    [Fact]
    public void Apply_Defaults_DropOnlyWhatTheVendorSaysIsNotAffected() =>
        Assert.Equal([Fixed, Unfixed], new FindingFilter().Apply(All, Today));

    [Fact]
    public void Apply_ShowSuppressed_KeepsNotAffected() =>
        Assert.Equal(All, new FindingFilter { ShowSuppressed = true }.Apply(All, Today));

    [Fact]
    public void Apply_IgnoreUnfixed_DropsFindingsWithoutAFixedVersion() =>
        Assert.Equal([Fixed], new FindingFilter { IgnoreUnfixed = true }.Apply(All, Today));

    [Fact]
    public void Apply_Severities_KeepOnlyThoseListed() =>
        Assert.Equal([Unfixed], new FindingFilter { Severities = new HashSet<Severity> { Severity.Critical } }.Apply(All, Today));

    [Fact]
    public void Apply_IgnoreRuleByAliasUntilItExpires_DropsTheFindingThenNot()
    {
        var rule = new IgnoreRule("ghsa-aaaa-bbbb-cccc", Today, "accepted");

        Assert.Equal([Fixed], new FindingFilter { Ignore = [rule] }.Apply(All, Today));
        Assert.Equal([Fixed, Unfixed], new FindingFilter { Ignore = [rule] }.Apply(All, Today.AddDays(1)));
    }

    private static Finding Make(string id, Severity severity, string? fix, FindingStatus status, IReadOnlyList<string>? aliases = null) => new()
    {
        VulnerabilityId = id,
        Aliases = aliases ?? [],
        Package = new Package { Ecosystem = "npm", Name = "left-pad", Version = "1.0", Purl = "pkg:npm/left-pad@1.0" },
        InstalledVersion = "1.0",
        FixedVersion = fix,
        Status = status,
        Severity = severity,
    };
}
