using System.Text.RegularExpressions;
using Drydock.Ecosystems.Ubuntu;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.Ubuntu;

public sealed class UbuntuTrackerSourceTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.Shared("feeds", "ubuntu", "ubuntu-cve-tracker-samples")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task ParseAsync_TrackerEntry_GivesOneStatementPerReleaseLine(string file)
    {
        var path = TestPaths.Shared("feeds", "ubuntu", "ubuntu-cve-tracker-samples", file);

        var advisory = (await ParseFileAsync(new UbuntuTrackerSource(), path)).Single();

        // The expectation, from the entry's lines: every "<release>_<package>: <status> (<version>)" of a
        // numbered release, except DNE.
        var expected = File.ReadLines(path)
            .Select(l => Regex.Match(l, @"^([a-z]+)_([A-Za-z0-9.+\-]+):\s*([a-zA-Z\-]+)\s*(?:\(([^)]*)\))?"))
            .Where(m => m.Success && UbuntuTrackerSource.Releases.ContainsKey(m.Groups[1].Value) && m.Groups[3].Value != "DNE")
            .Select(m => ($"ubuntu:{UbuntuTrackerSource.Releases[m.Groups[1].Value]}", m.Groups[2].Value, m.Groups[3].Value switch
            {
                "released" => AffectedStatus.Affected,
                "ignored" => AffectedStatus.WillNotFix,
                "not-affected" => AffectedStatus.NotAffected,
                _ => AffectedStatus.Affected,
            }, m.Groups[3].Value == "released" ? m.Groups[4].Value.Trim() : null))
            .ToList();
        Assert.Equal(expected, advisory.Affected.Select(a => (a.Distribution!, a.Name, a.Status, a.Ranges.Count == 0 ? null : a.Ranges[0].Fixed)).ToList());
        Assert.StartsWith("CVE-", advisory.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_IncludePending_KeepsPriorityAndFix()
    {
        var advisory = (await ParseFileAsync(new UbuntuTrackerSource(), TestPaths.Shared("feeds", "ubuntu", "ubuntu-cve-tracker-samples", "include_pending"))).Single();

        Assert.Equal("CVE-2020-0009", advisory.Id);
        Assert.Equal(Severity.Low, advisory.Severity);
        var bionic = advisory.Affected.Single(a => a.Distribution == "ubuntu:18.04");
        Assert.Equal("4.15.0-1080.90", bionic.Ranges.Single().Fixed);
        var eoan = advisory.Affected.Single(a => a.Distribution == "ubuntu:19.10");
        Assert.Empty(eoan.Ranges);
        Assert.Contains("pending", eoan.Note, StringComparison.Ordinal);
        Assert.Equal(AffectedStatus.WillNotFix, advisory.Affected.Single(a => a.Distribution == "ubuntu:16.04").Status);
    }
}
