using System.Text.Json;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Versioning;
using Drydock.Scanning.Matching;
using Drydock.Testing;

namespace Drydock.Scanning.Tests.Matching;

/// <summary>
/// OSV range evaluation on real OSV records (../shared/testdata/feeds/osv) and on the spec's edge cases.
/// Expected answers are read off the record text by hand; each test says why.
/// </summary>
public sealed class AffectedRangeEvaluatorTests
{
    private static readonly IVersionScheme Cargo = Scheme("cargo");
    private static readonly IVersionScheme Go = Scheme("go");
    private static readonly IVersionScheme SemVer = Scheme("semver");

    [Theory]
    // RUSTSEC-2020-0071 (time): SEMVER events introduced 0.0.0-0 / fixed 0.2.0, then seven
    // "introduced 0.2.N-0 / fixed 0.2.N" pairs for N = 1..6, and introduced 0.2.7-0 / fixed 0.2.23.
    [InlineData("0.1.45", true, "0.2.0")] // inside [0.0.0-0, 0.2.0)
    [InlineData("0.2.0", false, "0.2.1")] // 0.2.0 is the first fix; 0.2.1-0 re-opens above it
    [InlineData("0.2.1-alpha", true, "0.2.1")] // in [0.2.1-0, 0.2.1): pre-releases of 0.2.1 are affected
    [InlineData("0.2.1", false, "0.2.2")]
    [InlineData("0.2.6", false, "0.2.23")]
    [InlineData("0.2.22", true, "0.2.23")] // in [0.2.7-0, 0.2.23)
    [InlineData("0.2.23", false, null)] // fixed, and no fix above
    [InlineData("0.3.5", false, null)]
    public void IsAffected_RustSec20200071_FollowsEveryEventPair(string version, bool affected, string? fix)
    {
        var ranges = RangesOf("rust/RUSTSEC-2020-0071.json", "time", Cargo);

        Assert.Equal(affected, AffectedRangeEvaluator.IsAffected(Cargo, ranges, [], version));
        Assert.Equal(fix, AffectedRangeEvaluator.LowestFixAbove(Cargo, ranges, version));
    }

    [Theory]
    // GO-2026-4761 (github.com/tektoncd/pipeline): introduced/fixed pairs 1.0.0/1.0.1, 1.1.0/1.3.3,
    // 1.4.0/1.6.1, 1.7.0/1.9.2, 1.10.0/1.11.1. OSV Go versions have no 'v'; installed ones do.
    [InlineData("v0.9.0", false)] // below the first introduced
    [InlineData("v1.0.0", true)]
    [InlineData("v1.0.1", false)] // fixed in 1.0.1, next opens at 1.1.0
    [InlineData("v1.3.2", true)]
    [InlineData("v1.3.3", false)]
    [InlineData("v1.9.1", true)]
    [InlineData("v1.10.0", true)] // 1.10.0 > 1.9.2 numerically, not as text
    [InlineData("v1.11.1", false)]
    [InlineData("v2.0.0+incompatible", false)]
    public void IsAffected_Go20264761_FollowsEachBranch(string version, bool affected)
    {
        var ranges = RangesOf("go/GO-2026-4761.json", "github.com/tektoncd/pipeline", Go);

        Assert.Equal(affected, AffectedRangeEvaluator.IsAffected(Go, ranges, [], version));
    }

    [Fact]
    public void LowestFixAbove_Go20264761_GivesTheBranchFix()
    {
        var ranges = RangesOf("go/GO-2026-4761.json", "github.com/tektoncd/pipeline", Go);

        // v1.5.0 is on the 1.4.0..1.6.1 branch; the lowest fix above it is 1.6.1 (not 1.9.2 or 1.11.1).
        Assert.Equal("1.6.1", AffectedRangeEvaluator.LowestFixAbove(Go, ranges, "v1.5.0"));
    }

    [Fact]
    public void FromEvents_UnsortedEvents_SortsBeforeSweeping()
    {
        // The same events as a sorted list, shuffled: the intervals must not change.
        var events = new[]
        {
            Event("fixed", "2.0.0"), Event("introduced", "1.5.0"), Event("fixed", "1.2.0"), Event("introduced", "0"),
        };

        var ranges = AffectedRangeEvaluator.FromEvents(SemVer, events);

        Assert.True(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "1.0.0"));
        Assert.False(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "1.3.0"));
        Assert.True(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "1.9.9"));
        Assert.False(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "2.0.0"));
    }

    [Theory]
    [InlineData("1.0.0", true)] // introduced is inclusive
    [InlineData("1.4.0", true)] // last_affected is inclusive
    [InlineData("1.4.1", false)]
    [InlineData("0.9.0", false)]
    public void IsAffected_LastAffected_IsInclusive(string version, bool affected)
    {
        var ranges = AffectedRangeEvaluator.FromEvents(SemVer, [Event("introduced", "1.0.0"), Event("last_affected", "1.4.0")]);

        Assert.Equal(affected, AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], version));
    }

    [Theory]
    [InlineData("1.9.0", true)]
    [InlineData("2.0.0", false)] // at the limit: excluded
    [InlineData("3.0.0", false)] // introduced without fixed would be open-ended, but the limit ends it
    public void IsAffected_Limit_CapsAnOpenRange(string version, bool affected)
    {
        var ranges = AffectedRangeEvaluator.FromEvents(SemVer, [Event("introduced", "1.0.0"), Event("limit", "2.0.0")]);

        Assert.Equal(affected, AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], version));
    }

    [Fact]
    public void IsAffected_IntroducedOnly_AffectsEverythingAbove()
    {
        var ranges = AffectedRangeEvaluator.FromEvents(SemVer, [Event("introduced", "0")]);

        Assert.True(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "0.0.1"));
        Assert.True(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "99.0.0"));
        Assert.Null(AffectedRangeEvaluator.LowestFixAbove(SemVer, ranges, "1.0.0"));
    }

    [Fact]
    public void IsAffected_SeveralRanges_AnyOneSuffices()
    {
        // Two OSV ranges that overlap: each is evaluated on its own, so 1.4.0 stays affected by the first
        // even though the second closes at 1.3.0 (a merged sweep would get this wrong).
        var ranges = AffectedRangeEvaluator.FromEvents(SemVer, [Event("introduced", "0"), Event("fixed", "1.5.0")])
            .Concat(AffectedRangeEvaluator.FromEvents(SemVer, [Event("introduced", "1.2.0"), Event("fixed", "1.3.0")]))
            .ToList();

        Assert.True(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "1.4.0"));
        // 1.3.0 fixes the second range but the first still covers it: the upgrade target is 1.5.0.
        Assert.Equal("1.5.0", AffectedRangeEvaluator.LowestFixAbove(SemVer, ranges, "1.2.5"));
    }

    [Fact]
    public void IsAffected_ExplicitVersions_MatchWithoutRanges()
    {
        Assert.True(AffectedRangeEvaluator.IsAffected(SemVer, [], ["1.0.0", "1.0.1"], "1.0.1"));
        Assert.False(AffectedRangeEvaluator.IsAffected(SemVer, [], ["1.0.0", "1.0.1"], "1.0.2"));
    }

    [Fact]
    public void IsAffected_FixedOnlyRecord_MeansFromTheBeginning()
    {
        // new AffectedRange { Fixed = "X" } is the "fixed in X" form the OS feeds use.
        AffectedRange[] ranges = [new AffectedRange { Fixed = "1.2.0" }];

        Assert.True(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "0.1.0"));
        Assert.False(AffectedRangeEvaluator.IsAffected(SemVer, ranges, [], "1.2.0"));
    }

    private static IVersionScheme Scheme(string name) =>
        BuiltInEcosystems.CreateRegistry().TryGetVersionScheme(name, out var scheme) ? scheme : throw new InvalidOperationException(name);

    private static KeyValuePair<string, string> Event(string kind, string version) => new(kind, version);

    /// <summary>Every range of one package in an OSV record, through <see cref="AffectedRangeEvaluator.FromEvents"/>.</summary>
    private static List<AffectedRange> RangesOf(string record, string package, IVersionScheme scheme)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Shared("feeds", "osv", record)));
        var result = new List<AffectedRange>();
        foreach (var affected in document.RootElement.GetProperty("affected").EnumerateArray())
        {
            if (affected.GetProperty("package").GetProperty("name").GetString() != package)
            {
                continue;
            }

            foreach (var range in affected.GetProperty("ranges").EnumerateArray())
            {
                var events = range.GetProperty("events").EnumerateArray()
                    .SelectMany(e => e.EnumerateObject().Select(p => Event(p.Name, p.Value.GetString()!)));
                result.AddRange(AffectedRangeEvaluator.FromEvents(scheme, events, range.GetProperty("type").GetString()!));
            }
        }

        Assert.NotEmpty(result);
        return result;
    }
}
