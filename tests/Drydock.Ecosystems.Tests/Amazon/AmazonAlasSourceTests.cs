using Drydock.Ecosystems.AdvisoryFormats.UpdateInfo;
using Drydock.Ecosystems.Amazon;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.Amazon;

public sealed class AmazonAlasSourceTests
{
    private static string Fixture(string release) => TestPaths.Local("feeds", "amazon-alas", release, "updateinfo.xml");

    [Theory]
    [InlineData("al2", "amzn:2")]
    [InlineData("al2023", "amzn:2023")]
    public async Task ParseAsync_Fixture_GivesOneAdvisoryPerCveWithEveryPackageFixed(string release, string distribution)
    {
        var advisories = await ParseFileAsync(new AmazonAlasSource(), Fixture(release));

        // The expectation from the file, read here as plain XML: per update, per CVE reference, one
        // advisory whose statements are the update's package names, each fixed in its [epoch:]version-release.
        var document = System.Xml.Linq.XDocument.Load(Fixture(release));
        var expected = document.Root!.Elements("update")
            .SelectMany(u => u.Element("references")!.Elements("reference").Select(r => (Cve: (string)r.Attribute("id")!, Update: u)))
            .Select(x => (
                x.Cve,
                Alas: (string)x.Update.Element("id")!,
                Packages: x.Update.Descendants("package")
                    .Select(p => ((string)p.Attribute("name")!, ((string)p.Attribute("epoch")! == "0" ? string.Empty : (string)p.Attribute("epoch")! + ":") + $"{(string)p.Attribute("version")!}-{(string)p.Attribute("release")!}"))
                    .Distinct()
                    .Order()
                    .ToList()))
            .ToList();
        Assert.Equal(expected.Select(e => e.Cve), advisories.Select(a => a.Id));
        foreach (var (want, got) in expected.Zip(advisories))
        {
            Assert.Equal([want.Alas], got.Aliases);
            Assert.Equal("amazon-alas", got.Source);
            Assert.Equal(want.Packages, got.Affected.Select(a => (a.Name, Assert.Single(a.Ranges).Fixed!)).Order());
            Assert.All(got.Affected, a => Assert.Equal((Scanning.Abstractions.Model.Ecosystems.Rpm, distribution, AffectedStatus.Affected), (a.Ecosystem, a.Distribution!, a.Status)));
            Assert.StartsWith($"https://alas.aws.amazon.com/AL{release[2..].ToUpperInvariant()}/{want.Alas}.html", got.References[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ParseAsync_Al2Fixture_CarriesSeverityDatesAndEpoch()
    {
        var advisories = await ParseFileAsync(new AmazonAlasSource(), Fixture("al2"));

        var curl = advisories.Single(a => a.Id == "CVE-2023-38545");
        Assert.Equal(Severity.High, curl.Severity); // "important"
        Assert.Equal(new DateTimeOffset(2023, 10, 11, 21, 5, 0, TimeSpan.Zero), curl.Published);
        Assert.Equal(new DateTimeOffset(2023, 10, 17, 22, 38, 0, TimeSpan.Zero), curl.Modified);
        Assert.Contains("ALAS2-2023-2281", curl.Summary, StringComparison.Ordinal);
        var openssl = advisories.Single(a => a.Id == "CVE-2023-3817");
        Assert.Equal(Severity.Medium, openssl.Severity);
        Assert.Equal("1:1.0.2k-24.amzn2.0.9", openssl.Affected.Single(a => a.Name == "openssl-libs").Ranges[0].Fixed);
        Assert.Equal(Severity.Low, advisories.Single(a => a.Id == "CVE-2022-43680").Severity);
    }

    [Fact]
    public async Task ParseAsync_BugfixUpdateAndUpdateWithoutCve_SkipsOneAndKeepsTheOtherUnderItsId()
    {
        var advisories = await ParseTextAsync(new AmazonAlasSource(), """
            <updates>
              <update type="bugfix"><id>ALAS2023-2024-001</id><pkglist><collection><package name="a" version="1" release="1.amzn2023" epoch="0" arch="x86_64"/></collection></pkglist></update>
              <update type="security"><id>ALAS2023-2024-002</id><severity>critical</severity><pkglist><collection><package name="b" version="2" release="1.amzn2023" epoch="0" arch="x86_64"/></collection></pkglist></update>
            </updates>
            """);

        var advisory = Assert.Single(advisories);
        Assert.Equal("ALAS2023-2024-002", advisory.Id);
        Assert.Empty(advisory.Aliases);
        Assert.Equal(Severity.Critical, advisory.Severity);
    }

    [Theory]
    [InlineData("ALAS2-2023-2281", "9.amzn2", "2")]
    [InlineData("ALAS2023-2023-381", "1.amzn2023.0.1", "2023")]
    [InlineData("ALAS2KERNEL-5.10-2023-039", "1.amzn2", "2")]
    [InlineData("ALAS-2018-1001", "1.42.amzn1", "1")]
    [InlineData("UNKNOWN-1", "3.amzn2023.0.2", "2023")]
    public void ReleaseOf_IdOrDistTag_NamesTheRelease(string id, string release, string expected)
    {
        var update = new UpdateInfoRecord(id, "security", "final", null, null, null, null, null, [], [new UpdateInfoPackage("p", "0", "1", release, "x86_64")]);

        Assert.Equal(expected, AmazonAlasSource.ReleaseOf(update));
    }
}
