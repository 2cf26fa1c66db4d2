using System.Text.Json;
using System.Text.RegularExpressions;
using Drydock.Ecosystems.Rhel;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.Rhel;

public sealed class RedHatVexSourceTests
{
    public static TheoryData<string> Documents() =>
    [
        "claircore-vex/cve-2022-38752.json", "claircore-vex/cve-2023-38545.json", "claircore-vex/cve-2023-4154.json",
        "claircore-vex/cve-2023-42670.json", "claircore-vex/cve-2024-24786-simple.json", "claircore-vex-recent/cve-2024-0727-openssl.json",
        "claircore-vex-recent/cve-2026-0968.json", "claircore-vex-recent/cve-2026-2673.json", "claircore-vex-recent/cve-2026-27142.json",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task ParseAsync_VexDocument_GivesEveryFixedRhelComponent(string file)
    {
        var path = TestPaths.Shared("feeds", "redhat", file);

        var advisory = (await ParseFileAsync(new RedHatVexSource(), path)).Single();

        // The expectation, read from the document: fixed product ids joined to a main-stream RHEL platform
        // CPE and a versioned rpm purl.
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var products = new Dictionary<string, JsonElement>();
        void Walk(JsonElement branches)
        {
            foreach (var b in branches.EnumerateArray())
            {
                if (b.TryGetProperty("product", out var p))
                {
                    products.TryAdd(p.GetProperty("product_id").GetString()!, p);
                }

                if (b.TryGetProperty("branches", out var c))
                {
                    Walk(c);
                }
            }
        }

        Walk(json.RootElement.GetProperty("product_tree").GetProperty("branches"));
        var relationships = json.RootElement.GetProperty("product_tree").GetProperty("relationships").EnumerateArray()
            .ToDictionary(r => r.GetProperty("full_product_name").GetProperty("product_id").GetString()!);
        var expected = new HashSet<(string, string, string)>();
        var vulnerability = json.RootElement.GetProperty("vulnerabilities")[0];
        var fixedIds = vulnerability.GetProperty("product_status").TryGetProperty("fixed", out var f) ? f.EnumerateArray().Select(e => e.GetString()!) : [];
        foreach (var id in fixedIds)
        {
            if (!relationships.TryGetValue(id, out var r))
            {
                continue;
            }

            var platform = products.GetValueOrDefault(r.GetProperty("relates_to_product_reference").GetString()!);
            var component = products.GetValueOrDefault(r.GetProperty("product_reference").GetString()!);
            if (platform.ValueKind == JsonValueKind.Undefined || component.ValueKind == JsonValueKind.Undefined
                || !platform.GetProperty("product_identification_helper").TryGetProperty("cpe", out var cpe)
                || Regex.Match(cpe.GetString()!, @"^cpe:/[ao]:redhat:enterprise_linux:(\d+)(?:$|:)") is not { Success: true } m
                || !component.GetProperty("product_identification_helper").TryGetProperty("purl", out var purl)
                || Regex.Match(purl.GetString()!, @"^pkg:rpm/[^/]+/([^@?]+)@([^?]+)(?:\?(.*))?$") is not { Success: true } p)
            {
                continue;
            }

            var epoch = Regex.Match(p.Groups[3].Value, @"(?:^|&)epoch=(\d+)").Groups[1].Value;
            expected.Add(($"rhel:{m.Groups[1].Value}", p.Groups[1].Value, epoch is "" or "0" ? p.Groups[2].Value : $"{epoch}:{p.Groups[2].Value}"));
        }

        var actual = advisory.Affected.Where(a => a.Ranges.Count == 1 && a.Module is null).Select(a => (a.Distribution!, a.Name, a.Ranges[0].Fixed!)).ToHashSet();
        Assert.Subset(actual, expected);
        Assert.Equal(json.RootElement.GetProperty("document").GetProperty("tracking").GetProperty("id").GetString(), advisory.Id);
    }

    [Fact]
    public async Task ParseAsync_Curl2023_38545_KnowsRhel9CurlFixAndNotAffectedStatements()
    {
        var advisory = (await ParseFileAsync(new RedHatVexSource(), TestPaths.Shared("feeds", "redhat", "claircore-vex", "cve-2023-38545.json"))).Single();

        Assert.Contains(advisory.Affected, a => a is { Distribution: "rhel:9", Name: "curl", Status: AffectedStatus.Affected } && a.Ranges.Single().Fixed!.StartsWith("7.76.1-26.el9_3", StringComparison.Ordinal));
        Assert.Contains(advisory.Affected, a => a.Status == AffectedStatus.NotAffected);
        Assert.Contains(advisory.Cvss, c => c.Source == "redhat");
    }

    [Theory]
    [InlineData("claircore-vex/delete_CVE-2023-0030.json")]
    [InlineData("claircore-vex/delete_CVE-2023-0031.json")]
    public async Task ParseAsync_DeletedDocument_GivesNothing(string file)
    {
        Assert.Empty(await ParseFileAsync(new RedHatVexSource(), TestPaths.Shared("feeds", "redhat", file)));
    }

    [Fact]
    public async Task ParseAsync_Archive_ReadsEveryDocument()
    {
        var advisories = await ParseFileAsync(new RedHatVexSource(), TestPaths.Shared("feeds", "redhat", "claircore-vex", "server", "csaf_vex_2023-10-31.tar.zst"));

        Assert.NotEmpty(advisories);
        Assert.All(advisories, a => Assert.StartsWith("CVE-", a.Id, StringComparison.Ordinal));
    }
}
