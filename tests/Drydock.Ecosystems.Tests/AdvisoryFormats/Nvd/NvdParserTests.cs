using System.Text.Json;
using Drydock.Ecosystems.AdvisoryFormats.Nvd;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Nvd;

public sealed class NvdParserTests
{
    [Fact]
    public async Task ParseAsync_ApiPage_GivesEachCveWithItsScores()
    {
        var advisories = await ParseFileAsync(new NvdSource(), TestPaths.Shared("feeds", "nvd", "claircore-nvd2-page", "feed.json"));

        Assert.Equal(["CVE-2016-2781", "CVE-2016-3197", "CVE-2016-3674"], advisories.Select(a => a.Id));
        var coreutils = advisories[0];
        Assert.Contains(coreutils.Cvss, c => c is { Version: "3.0", Source: "nvd", BaseScore: 6.5 });
        Assert.Contains(coreutils.Cvss, c => c is { Version: "2.0", Vector: "AV:L/AC:L/Au:N/C:N/I:P/A:N", BaseScore: 2.1 });
        Assert.Equal(Severity.Medium, coreutils.Severity);
        Assert.Empty(advisories[1].Cvss);
    }

    public static TheoryData<string> Records()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.Shared("feeds", "nvd", "records")).Concat(Directory.GetFiles(TestPaths.Shared("feeds", "nvd", "grype-nvd2-cve-items"))).Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Records))]
    public async Task ParseAsync_Record_KeepsEveryMetricAndCwe(string path)
    {
        var advisory = (await ParseFileAsync(new NvdSource(), path)).Single();

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var cve = json.RootElement.TryGetProperty("cve", out var wrapped) ? wrapped : json.RootElement;
        Assert.Equal(cve.GetProperty("id").GetString(), advisory.Id);
        var metrics = cve.TryGetProperty("metrics", out var m)
            ? m.EnumerateObject().Where(p => p.Name.StartsWith("cvssMetric", StringComparison.Ordinal)).SelectMany(p => p.Value.EnumerateArray().Select(x => (x.GetProperty("cvssData").GetProperty("vectorString").GetString(), x.GetProperty("cvssData").GetProperty("baseScore").GetDouble()))).ToList()
            : [];
        Assert.Equal(metrics.Order(), advisory.Cvss.Select(c => ((string?)c.Vector, c.BaseScore)).Order());
        Assert.All(advisory.Cwes, c => Assert.StartsWith("CWE-", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_XzRecord_HasCweAndCriticalSeverity()
    {
        var xz = (await ParseFileAsync(new NvdSource(), TestPaths.Shared("feeds", "nvd", "records", "CVE-2024-3094.json"))).Single();

        Assert.Equal(["CWE-506"], xz.Cwes);
        Assert.Equal(Severity.Critical, xz.Severity);
        Assert.StartsWith("Malicious code", xz.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_V40Metric_IsKept()
    {
        var advisory = (await ParseFileAsync(new NvdSource(), TestPaths.Shared("feeds", "nvd", "grype-nvd2-cve-items", "version-range.json"))).Single();

        Assert.Contains(advisory.Cvss, c => c.Version == "4.0" && c.Vector.StartsWith("CVSS:4.0/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_MetricWithoutScore_FailsNamingTheCve()
    {
        const string Json = """{"cve":{"id":"CVE-2099-1","metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"vectorString":"CVSS:3.1/AV:N"}}]}}}""";

        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ParseTextAsync(new NvdSource(), Json));

        Assert.Contains("CVE-2099-1", error.Message, StringComparison.Ordinal);
    }
}
