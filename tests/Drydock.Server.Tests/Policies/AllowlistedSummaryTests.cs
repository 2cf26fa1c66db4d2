using Drydock.Data.Allowlists;
using Drydock.Server.Integration;
using Drydock.Server.Policies;

namespace Drydock.Server.Tests.Policies;

public sealed class AllowlistedSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // An index of two platforms: amd64 has a critical (GHSA id, CVE alias) and a medium; arm64 has two highs.
    private static readonly ScanSummary Index = new()
    {
        Matched = true,
        HighestSeverity = "critical",
        Counts = new Dictionary<string, int> { ["critical"] = 1, ["medium"] = 1 },
        Platforms =
        [
            new PlatformSummary("sha256:amd", "linux/amd64", "alpine 3.10", 10, 1, 0, [])
            {
                Vulnerabilities =
                [
                    new SummaryFinding("GHSA-jfh8-c2jp-5v3q", ["CVE-2021-44228"], "critical", "log4j-core", "2.14.1", "2.15.0"),
                    new SummaryFinding("CVE-2022-0001", [], "medium", "zlib", "1.2.11", null),
                ],
            },
            new PlatformSummary("sha256:arm", "linux/arm64", "alpine 3.10", 10, 1, 0, [])
            {
                Vulnerabilities =
                [
                    new SummaryFinding("CVE-2022-0002", [], "high", "openssl", "1.1.1c", "1.1.1d"),
                    new SummaryFinding("CVE-2022-0003", [], "high", "openssl", "1.1.1c", "1.1.1d"),
                ],
            },
        ],
    };

    [Fact]
    public void Apply_NoEntries_WorstPlatformCountedAndFindingListsLeftOut()
    {
        var shown = AllowlistedSummary.Apply(Index, new ActiveAllowlist([], Now));

        Assert.Equal("critical", shown.HighestSeverity);
        Assert.Equal(1, shown.Counts!["critical"]);
        Assert.Equal(1, shown.Fixable!["critical"]);
        Assert.Empty(shown.Suppressed!);
        Assert.All(shown.Platforms, p => Assert.Null(p.Vulnerabilities));
    }

    [Fact]
    public void Apply_CveAliasOfGhsaFindingAllowlisted_SuppressedAndOtherPlatformBecomesWorst()
    {
        var entry = new AllowlistEntry("team", "cve-2021-44228", "not reachable", "alice", Now.AddDays(-1), Now.AddDays(1));

        var shown = AllowlistedSummary.Apply(Index, new ActiveAllowlist([entry], Now));

        Assert.Equal("high", shown.HighestSeverity);
        Assert.Equal(2, shown.Counts!["high"]);
        Assert.Equal(0, shown.Counts["critical"]);
        Assert.Empty(shown.Suppressed!);
        Assert.Equal([1, 2], shown.Platforms.Select(p => p.Findings));
        Assert.Equal("medium", shown.Platforms[0].HighestSeverity);
    }

    [Fact]
    public void Apply_EntryOfWorstPlatformFinding_ListedAsSuppressedWithReason()
    {
        var entries = new[]
        {
            new AllowlistEntry("team", "CVE-2022-0002", "vendor backport", "bob", Now, null),
            new AllowlistEntry("team", "CVE-2022-0003", "vendor backport", "bob", Now, null),
            new AllowlistEntry("team", "GHSA-jfh8-c2jp-5v3q", "not reachable", "alice", Now, null),
        };

        var shown = AllowlistedSummary.Apply(Index, new ActiveAllowlist(entries, Now));

        Assert.Equal("medium", shown.HighestSeverity);
        var suppressed = Assert.Single(shown.Suppressed!);
        Assert.Equal(new SuppressedFinding("GHSA-jfh8-c2jp-5v3q", "log4j-core", "critical", "GHSA-jfh8-c2jp-5v3q", "not reachable", "alice", null), suppressed);
    }

    [Theory]
    [InlineData(-1, "high")]
    [InlineData(0, "critical")]
    public void Apply_AroundExpiry_AppliesOnlyBefore(int secondsFromExpiry, string highest)
    {
        var expiry = Now;
        var entry = new AllowlistEntry("team", "CVE-2021-44228", "r", "anonymous", Now.AddDays(-1), expiry);

        var shown = AllowlistedSummary.Apply(Index, new ActiveAllowlist([entry], expiry.AddSeconds(secondsFromExpiry)));

        Assert.Equal(highest, shown.HighestSeverity);
    }

    [Fact]
    public void Apply_SummaryStoredWithoutFindings_CountsKept()
    {
        var legacy = Index with { Platforms = [.. Index.Platforms.Select(p => p with { Vulnerabilities = null })] };
        var entry = new AllowlistEntry("team", "CVE-2021-44228", "r", "anonymous", Now, null);

        var shown = AllowlistedSummary.Apply(legacy, new ActiveAllowlist([entry], Now));

        Assert.Equal("critical", shown.HighestSeverity);
        Assert.Equal(1, shown.Counts!["critical"]);
    }
}
