using System.Xml.Linq;
using Drydock.Ecosystems.AdvisoryFormats.Oval;
using Drydock.Ecosystems.Oracle;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.Oracle;

public sealed class OracleElsaSourceTests
{
    private static readonly string Fixture = TestPaths.Local("feeds", "oracle-oval", "com.oracle.elsa-fixture.xml");

    [Fact]
    public async Task ParseAsync_Fixture_GivesOneAdvisoryPerCveWithTheElsaAsAlias()
    {
        var advisories = await ParseFileAsync(new OracleElsaSource(), Fixture);

        // From the XML: per definition, per advisory/cve, the ELSA reference and the platform.
        XNamespace oval = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
        var expected = XDocument.Load(Fixture).Descendants(oval + "definition")
            .SelectMany(d => d.Descendants(oval + "cve").Select(c => (
                Cve: c.Value,
                Elsa: (string)d.Descendants(oval + "reference").Single(r => (string?)r.Attribute("source") == "elsa").Attribute("ref_id")!,
                Distribution: "ol:" + d.Descendants(oval + "platform").Single().Value["Oracle Linux ".Length..])))
            .ToList();
        Assert.Equal(expected.Select(e => e.Cve), advisories.Select(a => a.Id));
        foreach (var (want, got) in expected.Zip(advisories))
        {
            Assert.Equal([want.Elsa], got.Aliases);
            Assert.All(got.Affected, a => Assert.Equal((Scanning.Abstractions.Model.Ecosystems.Rpm, want.Distribution), (a.Ecosystem, a.Distribution!)));
            Assert.StartsWith($"https://linux.oracle.com/errata/{want.Elsa}.html", got.References[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ParseAsync_Fixture_KeepsANonZeroEpochAndDropsAZeroOne()
    {
        var advisories = await ParseFileAsync(new OracleElsaSource(), Fixture);

        var openssl = advisories.Single(a => a.Id == "CVE-2023-3817");
        Assert.Equal("1:1.1.1k-10.el8_8", openssl.Affected.Single(a => a.Name == "openssl-libs").Ranges[0].Fixed);
        Assert.Equal(Severity.Medium, openssl.Severity); // MODERATE
        var curl = advisories.Single(a => a.Id == "CVE-2023-38546" && a.Aliases[0] == "ELSA-2023-5700");
        Assert.Equal("7.61.1-30.el8_8.3", curl.Affected.Single(a => a.Name == "curl").Ranges[0].Fixed);
        Assert.Equal(Severity.Low, curl.Severity);
    }

    [ToolFact("bzip2")]
    public async Task ParseAsync_Bzip2AsPublished_EqualsPlain()
    {
        using var temp = new TempDirectory("drydock-oval");
        var compressed = temp.Combine("com.oracle.elsa-all.xml");
        File.Copy(Fixture, compressed);
        await ExternalTool.RunAsync("bzip2", [compressed], CancellationToken.None);

        var fromBzip2 = await ParseFileAsync(new OracleElsaSource(), compressed + ".bz2");
        var fromPlain = await ParseFileAsync(new OracleElsaSource(), Fixture);

        Assert.Equal(fromPlain.Select(a => (a.Id, a.Affected.Count)), fromBzip2.Select(a => (a.Id, a.Affected.Count)));
    }

    [Theory]
    [InlineData("oraclelinux-release", "pattern match", "^8", "8")]
    [InlineData("oraclelinux-release", "pattern match", "^9", "9")]
    [InlineData("redhat-release", "pattern match", "^8", null)]
    public void ReleaseOf_PlatformTest_NamesTheMajorRelease(string package, string operation, string value, string? expected)
    {
        Assert.Equal(expected, OracleElsaSource.ReleaseOf(new OvalFix([(package, operation, value)], "curl", "0:1-1")));
    }
}
