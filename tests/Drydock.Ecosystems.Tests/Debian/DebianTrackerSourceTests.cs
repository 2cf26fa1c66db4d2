using System.Text.Json;
using Drydock.Ecosystems.Debian;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.Debian;

public sealed class DebianTrackerSourceTests
{
    private static string Sample => TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json");

    [Fact]
    public async Task ParseAsync_TrackerSample_GivesEveryPackageCveAndRelease()
    {
        var advisories = await ParseFileAsync(new DebianTrackerSource(), Sample);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Sample));
        var expected = json.RootElement.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().SelectMany(c => c.Value.GetProperty("releases").EnumerateObject()
                .Select(r => (p.Name, c.Name, r.Name, r.Value.GetProperty("fixed_version").GetString()))))
            .ToList();
        var actual = advisories
            .SelectMany(a => a.Affected.Select(p => (p.Name, a.Id, p.Distribution, p.Ranges.Count == 0 ? "0" : p.Ranges[0].Fixed)))
            .ToList();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (package, cve, codename, fixedVersion) in expected)
        {
            Assert.Contains((package, cve, "debian:" + DebianTrackerReleases.VersionByCodename[codename], fixedVersion), actual);
        }
    }

    [Fact]
    public async Task ParseAsync_UrgencyWithStars_IsTheUrgency()
    {
        var advisories = await ParseFileAsync(new DebianTrackerSource(), Sample);

        var prototype = advisories.Single(a => a.Id == "CVE-2008-7220");
        var stretch = prototype.Affected.Single(p => p.Distribution == "debian:9");
        Assert.Equal(Severity.High, stretch.Severity);
        Assert.Equal("1.6.0.2-1", stretch.Ranges[0].Fixed);
        Assert.Contains(advisories.SelectMany(a => a.Affected), p => p.Severity == Severity.Negligible);
    }

    [Fact]
    public async Task ParseAsync_OpenUndeterminedNoDsaAndZero_MapToStatuses()
    {
        // The statuses of the live tracker that the trimmed sample lacks, in the tracker's shape.
        const string Json = """
            {"openssl": {"CVE-2099-0001": {"description": "d", "releases": {
              "bookworm": {"status": "open", "repositories": {"bookworm": "3.0.11-1"}, "urgency": "low", "nodsa": "Minor issue", "nodsa_reason": "postponed"},
              "bullseye": {"status": "open", "repositories": {"bullseye": "1.1.1w-0"}, "urgency": "low", "nodsa": "Minor issue", "nodsa_reason": "ignored"},
              "trixie": {"status": "resolved", "repositories": {"trixie": "3.1.0-1"}, "fixed_version": "0", "urgency": "unimportant"},
              "sid": {"status": "undetermined", "repositories": {"sid": "3.1.0-1"}, "urgency": "not yet assigned"}}}}}
            """;

        var advisory = (await ParseTextAsync(new DebianTrackerSource(), Json)).Single();

        var byRelease = advisory.Affected.ToDictionary(p => p.Distribution!);
        Assert.Equal(AffectedStatus.Affected, byRelease["debian:12"].Status);
        Assert.Empty(byRelease["debian:12"].Ranges);
        Assert.Contains("postponed", byRelease["debian:12"].Note, StringComparison.Ordinal);
        Assert.Equal(AffectedStatus.WillNotFix, byRelease["debian:11"].Status);
        Assert.Equal(AffectedStatus.NotAffected, byRelease["debian:13"].Status);
        Assert.Equal(AffectedStatus.Undetermined, byRelease["debian:unstable"].Status);
        Assert.Null(byRelease["debian:unstable"].Severity);
    }

    [Fact]
    public async Task ParseAsync_UnknownStatus_FailsNamingTheRecord()
    {
        const string Json = """{"curl": {"CVE-2099-0002": {"releases": {"bookworm": {"status": "weird"}}}}}""";

        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ParseTextAsync(new DebianTrackerSource(), Json));

        Assert.Contains("CVE-2099-0002", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_TruncatedDocument_Fails()
    {
        var text = await File.ReadAllTextAsync(Sample);

        await Assert.ThrowsAsync<MalformedRecordException>(() => ParseTextAsync(new DebianTrackerSource(), text[..(text.Length / 2)]));
    }
}
