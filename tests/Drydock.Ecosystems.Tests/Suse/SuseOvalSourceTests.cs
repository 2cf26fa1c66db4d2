using System.Text.RegularExpressions;
using System.Xml.Linq;
using Drydock.Ecosystems.AdvisoryFormats.Oval;
using Drydock.Ecosystems.Suse;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.Suse;

public sealed class SuseOvalSourceTests
{
    private static readonly string Fixture = TestPaths.Local("feeds", "suse-oval", "suse.linux.enterprise.server.15-fixture.xml");

    [Fact]
    public async Task ParseAsync_Fixture_GivesEachCveItsPackagesPerServicePack()
    {
        var advisories = await ParseFileAsync(new SuseOvalSource(), Fixture);

        // From the XML: per definition (one CVE), per product alternative, the service pack from the
        // product's name ("… 15 SP5" → sles:15.5) and the package names and EVRs from the criterion comments
        // ("curl-8.0.1-150400.5.32.1 is installed"), an independent reading of the same facts.
        XNamespace oval = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
        foreach (var definition in XDocument.Load(Fixture).Descendants(oval + "definition"))
        {
            var cve = definition.Descendants(oval + "title").Single().Value;
            var advisory = Assert.Single(advisories, a => a.Id == cve);
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var product in definition.Element(oval + "criteria")!.Elements(oval + "criteria"))
            {
                var name = (string)product.Element(oval + "criterion")!.Attribute("comment")!;
                var sp = Regex.Match(name, @"Server (\d+) SP(\d+) is installed$");
                foreach (var criterion in product.Element(oval + "criteria")!.Elements(oval + "criterion"))
                {
                    var nevr = Regex.Match((string)criterion.Attribute("comment")!, @"^(.+)-([^-]+)-([^-]+) is installed$");
                    expected.Add($"sles:{sp.Groups[1].Value}.{sp.Groups[2].Value} {nevr.Groups[1].Value} {nevr.Groups[2].Value}-{nevr.Groups[3].Value}");
                }
            }

            Assert.Equal(expected, advisory.Affected.SelectMany(a => a.Ranges.Select(r => $"{a.Distribution} {a.Name} {r.Fixed}")).ToHashSet());
            Assert.Equal(definition.Descendants(oval + "reference").Where(r => (string?)r.Attribute("source") == "SUSE-SU").Select(r => (string)r.Attribute("ref_id")!), advisory.Aliases);
            Assert.All(advisory.Affected, a => Assert.Equal(Scanning.Abstractions.Model.Ecosystems.Rpm, a.Ecosystem));
        }
    }

    [Fact]
    public async Task ParseAsync_Fixture_ReadsSuseSeverityAndCveText()
    {
        var advisories = await ParseFileAsync(new SuseOvalSource(), Fixture);

        Assert.Equal(Severity.High, advisories.Single(a => a.Id == "CVE-2023-38545").Severity); // "Important"
        Assert.Equal(Severity.Low, advisories.Single(a => a.Id == "CVE-2023-3817").Severity);
        Assert.Equal(2, advisories.Count); // "CVE-… at SUSE" and "CVE-… at NVD" name one CVE
    }

    [Theory]
    [InlineData("sles-release", "equals", "15.5", "sles:15.5")]
    [InlineData("sle-module-basesystem-release", "equals", "15.4", "sles:15.4")]
    [InlineData("sled-release", "equals", "15.5", "sled:15.5")]
    [InlineData("openSUSE-release", "equals", "15.6", "opensuse-leap:15.6")]
    [InlineData("sles-release", "pattern match", "^15", null)]
    [InlineData("kernel-default", "equals", "5.14", null)]
    public void DistributionOf_ProductTest_NamesTheServicePack(string package, string operation, string value, string? expected)
    {
        Assert.Equal(expected, SuseOvalSource.DistributionOf(new OvalFix([(package, operation, value)], "curl", "0:1-1")));
    }
}
