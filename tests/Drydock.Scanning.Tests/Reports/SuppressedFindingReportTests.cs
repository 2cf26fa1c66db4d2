using System.Text;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Matching;
using Drydock.Scanning.Reports;
using Drydock.Scanning.Tests.Indexing;
using Drydock.Testing;
using Drydock.Testing.Schemas;

namespace Drydock.Scanning.Tests.Reports;

/// <summary>
/// A finding a policy accepts (<see cref="Finding.Suppression"/>) stays in every report, marked in each format's own
/// way, and leaves the counts.
/// </summary>
public sealed class SuppressedFindingReportTests
{
    private const string Accepted = "allowlisted in namespace team as CVE-2019-14697 by alice: not reachable";

    [Fact]
    public void Summarize_OneAcceptedOfTwo_CountsTheOtherAndSuppressesIt()
    {
        var summary = FindingBuilder.Summarize(Findings(musl: null));
        var accepted = FindingBuilder.Summarize(Findings(musl: Accepted));

        Assert.Equal(2, summary.Total);
        Assert.Equal(1, accepted.Total);
        Assert.Equal(1, accepted.Suppressed);
        Assert.Equal(0, accepted.BySeverity[Severity.Critical]);
        Assert.Equal(Severity.Medium, accepted.Highest);
    }

    [Fact]
    public async Task WriteAsync_AcceptedFinding_MarkedInJsonCycloneDxAndSarif()
    {
        var inventory = await IndexingFixture.IndexAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}");
        var findings = Findings(musl: Accepted);
        var report = new VulnerabilityReport(inventory, findings, FindingBuilder.Summarize(findings), null);

        var json = JsonDocument.Parse(await WriteAsync("json", report)).RootElement;
        var cyclonedx = await WriteAsync("cyclonedx", report);
        var sarif = await WriteAsync("sarif", report);

        var reported = json.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal(Accepted, reported["CVE-2019-14697"].GetProperty("suppressed").GetString());
        Assert.Equal(JsonValueKind.Null, reported["CVE-2019-1547"].GetProperty("suppressed").ValueKind);
        Assert.Equal(1, json.GetProperty("summary").GetProperty("suppressed").GetInt32());

        Assert.Empty(SbomSchemas.ValidateCycloneDx(cyclonedx));
        var vulnerability = JsonDocument.Parse(cyclonedx).RootElement.GetProperty("vulnerabilities").EnumerateArray().Single(v => v.GetProperty("id").GetString() == "CVE-2019-14697");
        Assert.Equal(Accepted, vulnerability.GetProperty("analysis").GetProperty("detail").GetString());

        Assert.True(SbomSchemas.ValidateSarif(sarif).Count == 0, string.Join("\n", SbomSchemas.ValidateSarif(sarif)));
        var results = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var suppression = results.Single(r => r.GetProperty("ruleId").GetString() == "CVE-2019-14697").GetProperty("suppressions").EnumerateArray().Single();
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
        Assert.Equal(Accepted, suppression.GetProperty("justification").GetString());
        Assert.False(results.Single(r => r.GetProperty("ruleId").GetString() == "CVE-2019-1547").TryGetProperty("suppressions", out _));
    }

    private static async Task<string> WriteAsync(string format, VulnerabilityReport report)
    {
        Assert.True(VulnerabilityReportWriters.TryGet(format, TimeProvider.System, out var writer));
        using var output = new MemoryStream();
        await writer!.WriteAsync(report, output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static List<Finding> Findings(string? musl) =>
    [
        new()
        {
            VulnerabilityId = "CVE-2019-14697",
            Package = Apk("musl", "1.1.20-r0"),
            InstalledVersion = "1.1.20-r0",
            FixedVersion = "1.1.22-r3",
            Severity = Severity.Critical,
            Suppression = musl,
        },
        new()
        {
            VulnerabilityId = "CVE-2019-1547",
            Package = Apk("openssl", "1.1.1c-r0"),
            InstalledVersion = "1.1.1c-r0",
            FixedVersion = "1.1.1d-r0",
            Severity = Severity.Medium,
        },
    ];

    private static Package Apk(string name, string version) =>
        new() { Ecosystem = Scanning.Abstractions.Model.Ecosystems.Apk, Name = name, Version = version, Purl = $"pkg:apk/alpine/{name}@{version}" };
}
