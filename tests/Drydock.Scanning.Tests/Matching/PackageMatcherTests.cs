using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Matching;
using Drydock.Testing;
using YamlDotNet.RepresentationModel;

namespace Drydock.Scanning.Tests.Matching;

public sealed class PackageMatcherTests
{
    // The image as it is (the 2020-06 secdb snapshot has no fix above Alpine 3.10.4's versions, so the
    // expectation computed below is empty), and the same 14 packages at an old version, which every
    // secfix of their names and origins is above.
    [Theory]
    [InlineData(null)]
    [InlineData("1.0-r0")]
    public async Task MatchAsync_Alpine310ImageAgainstSecdb_EqualsTheExpectationFromTheYaml(string? olderVersion)
    {
        var packages = await ReadApkInstalledAsync(TestPaths.Shared("images", "alpine-310.tar.gz"));
        Assert.Equal(14, packages.Count);
        if (olderVersion is not null)
        {
            packages = [.. packages.Select(p => p with { Version = olderVersion })];
        }

        var yamlPath = TestPaths.Shared("feeds", "alpine-secdb", "v3.10", "main.yaml");
        using var database = await AdvisoryDatabase.LoadAsync("alpine-secdb", yamlPath);
        Assert.True(AdvisoryDatabase.Registry.TryGetSchemeForEcosystem("apk", out var apk));

        var result = await database.Matcher().MatchAsync(
            new Distribution { Id = "alpine", Release = "3.10", Version = "3.10.4" }, packages, CancellationToken.None);

        // The expectation, from the YAML alone: for each installed package, every secfix of the secdb
        // entry named like the package or its origin whose fixed version is above the installed version
        // by apk ordering; per vulnerability the lowest such fix.
        var secfixes = ReadSecfixes(yamlPath);
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var lowest = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in new[] { package.Name, package.SourceName! }.Distinct())
            {
                foreach (var (fixedVersion, id) in secfixes.GetValueOrDefault(name) ?? [])
                {
                    if (fixedVersion != "0" && apk.Compare(package.Version, fixedVersion) < 0
                        && (!lowest.TryGetValue(id, out var current) || apk.Compare(fixedVersion, current) < 0))
                    {
                        lowest[id] = fixedVersion;
                    }
                }
            }

            foreach (var (id, fixedVersion) in lowest)
            {
                expected.Add($"{package.Name} {package.Version} {id} {fixedVersion}");
            }
        }

        var actual = new SortedSet<string>(
            result.Findings.Select(f => $"{f.Package.Name} {f.InstalledVersion} {f.VulnerabilityId} {f.FixedVersion}"),
            StringComparer.Ordinal);
        Assert.Equal(olderVersion is not null, expected.Count > 0);
        Assert.Equal(expected, actual);
        Assert.All(result.Findings, f => Assert.Equal(FindingStatus.Fixed, f.Status));
        Assert.All(result.Findings, f => Assert.Contains("by apk ordering", f.Evidence[0].Decision, StringComparison.Ordinal));
        Assert.Equal(expected.Count, result.Summary.Total);
        Assert.Equal(expected.Count, result.Summary.Fixable);
    }

    [Fact]
    public async Task MatchAsync_DebianTrackerSample_MatchesBySourcePackageAndRelease()
    {
        var path = TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json");
        using var database = await AdvisoryDatabase.LoadAsync("debian-tracker", path);
        Assert.True(AdvisoryDatabase.Registry.TryGetSchemeForEcosystem("deb", out var deb));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));

        foreach (var sourcePackage in json.RootElement.EnumerateObject())
        {
            // A binary package built from the source package, installed at the stretch repository's version
            // and at a version below the lowest fix.
            foreach (var installed in new[] { "0.1-1", sourcePackage.Value.EnumerateObject().First().Value.GetProperty("releases").GetProperty("stretch").GetProperty("repositories").GetProperty("stretch").GetString()! })
            {
                var package = new Package
                {
                    Ecosystem = "deb", Name = "lib" + sourcePackage.Name + "-bin", SourceName = sourcePackage.Name, Version = installed,
                    Purl = $"pkg:deb/debian/lib{sourcePackage.Name}-bin@{installed}",
                };

                var result = await database.Matcher().MatchAsync(new Distribution { Id = "debian", Release = "9", Codename = "stretch" }, [package], CancellationToken.None);

                var expected = sourcePackage.Value.EnumerateObject()
                    .Where(c => c.Value.GetProperty("releases").TryGetProperty("stretch", out var r)
                                && r.GetProperty("fixed_version").GetString() is { } f && f != "0" && deb.Compare(installed, f) < 0)
                    .Select(c => c.Name)
                    .Order(StringComparer.Ordinal);
                Assert.Equal(expected, result.Findings.Where(f => f.Status != FindingStatus.NotAffected).Select(f => f.VulnerabilityId).Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public async Task BuildAsync_IndexOfTheScannedNamesOnly_GivesTheFindingsOfTheWholeIndex()
    {
        // Half of the tracker's source packages installed below every fix, the other half absent: the index built
        // from the scanned names must hold fewer statements and still give exactly the whole index's findings.
        var path = TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json");
        using var database = await AdvisoryDatabase.LoadAsync("debian-tracker", path);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var packages = json.RootElement.EnumerateObject().Where((_, i) => i % 2 == 0)
            .Select(p => new Package { Ecosystem = "deb", Name = p.Name + "-bin", SourceName = p.Name, Version = "0.1-1", Purl = $"pkg:deb/debian/{p.Name}-bin@0.1-1" })
            .ToList();
        var distribution = new Distribution { Id = "debian", Release = "9", Codename = "stretch" };

        var whole = await database.Matcher().MatchAsync(distribution, packages, CancellationToken.None);
        var scanned = new MatchIndexHolder();
        scanned.Swap(await MatchIndex.BuildAsync(database.Store, PackageMatcher.NamesToLookUp(packages), CancellationToken.None));
        var restricted = await new VulnerabilityMatcher(AdvisoryDatabase.Registry, database.Store, scanned).MatchAsync(distribution, packages, CancellationToken.None);

        Assert.InRange(scanned.Current.StatementCount, 1, database.Index.Current.StatementCount - 1);
        Assert.NotEmpty(whole.Findings);
        Assert.Equal(
            whole.Findings.Select(f => $"{f.Package.Name} {f.VulnerabilityId} {f.Status} {f.FixedVersion}"),
            restricted.Findings.Select(f => $"{f.Package.Name} {f.VulnerabilityId} {f.Status} {f.FixedVersion}"));
        Assert.Equal(whole.DatabaseVersion, restricted.DatabaseVersion);
    }

    [Fact]
    public async Task MatchAsync_RecordWithoutSeverity_TakesNvdsSeverityAndVectorAndTheEpssScore()
    {
        // PyPA's PYSEC-2023-74 (requests < 2.31.0) has no severity of its own; NVD's record of its alias CVE-2023-32681
        // has a CVSS 3.1 vector and base severity. The EPSS row is written here in the feed's own format (the shared
        // EPSS sample does not list this CVE).
        var nvdPath = TestPaths.Shared("feeds", "nvd", "records", "CVE-2023-32681.json");
        using var database = await AdvisoryDatabase.LoadAsync("osv-pypi", TestPaths.Shared("feeds", "osv", "pypi", "requests", "PYSEC-2023-74.yaml"));
        using var directory = new TempDirectory("drydock-match-nvd");
        var nvdZip = directory.Combine("nvd.zip");
        using (var zip = ZipFile.Open(nvdZip, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(nvdPath, "CVE-2023-32681.json");
        }

        var epssCsv = directory.Combine("epss.csv");
        await File.WriteAllTextAsync(epssCsv, "#model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000\ncve,epss,percentile\nCVE-2023-32681,0.00123,0.45678\n");
        await database.AddAsync(Enrichment("nvd"), nvdZip);
        await database.AddAsync(Enrichment("epss"), epssCsv);
        using var nvd = JsonDocument.Parse(await File.ReadAllTextAsync(nvdPath));
        var metric = nvd.RootElement.GetProperty("metrics").GetProperty("cvssMetricV31")[0].GetProperty("cvssData");
        var package = new Package { Ecosystem = "pypi", Name = "requests", Version = "2.30.0", Purl = "pkg:pypi/requests@2.30.0" };

        var result = await database.Matcher().MatchAsync(null, [package], CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Contains("CVE-2023-32681", finding.Aliases.Append(finding.VulnerabilityId));
        Assert.Equal("nvd", finding.SeveritySource);
        Assert.Equal(Enum.Parse<Severity>(metric.GetProperty("baseSeverity").GetString()!, ignoreCase: true), finding.Severity);
        Assert.Equal(metric.GetProperty("vectorString").GetString(), finding.Cvss?.Vector);
        Assert.Equal(metric.GetProperty("baseScore").GetDouble(), finding.Cvss?.BaseScore);
        Assert.Equal(new ExploitPrediction(0.00123, 0.45678, new DateOnly(2024, 10, 25)), finding.Epss);
        Assert.Null(finding.KnownExploited);
    }

    [Fact]
    public async Task MatchAsync_Log4Shell_CarriesTheKevEntry()
    {
        var kevPath = TestPaths.Shared("feeds", "kev-epss", "cisa-kev", "known_exploited_vulnerabilities.json");
        using var database = await AdvisoryDatabase.LoadAsync("osv-maven", TestPaths.Shared("feeds", "osv", "ghsa", "maven", "GHSA-jfh8-c2jp-5v3q.json"));
        await database.AddAsync(Enrichment("cisa-kev"), kevPath);
        using var kev = JsonDocument.Parse(await File.ReadAllTextAsync(kevPath));
        var entry = kev.RootElement.GetProperty("vulnerabilities").EnumerateArray().Single(v => v.GetProperty("cveID").GetString() == "CVE-2021-44228");
        var package = new Package
        {
            Ecosystem = "maven", Name = "org.apache.logging.log4j:log4j-core", Version = "2.14.1", Purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        };

        var result = await database.Matcher().MatchAsync(null, [package], CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(DateOnly.Parse(entry.GetProperty("dateAdded").GetString()!, CultureInfo.InvariantCulture), finding.KnownExploited?.DateAdded);
        Assert.Equal(DateOnly.Parse(entry.GetProperty("dueDate").GetString()!, CultureInfo.InvariantCulture), finding.KnownExploited?.DueDate);
    }

    private static IAdvisorySource Enrichment(string name) => Drydock.Ecosystems.AdvisoryFormats.EnrichmentSources.All.Single(s => s.Name == name);

    [Fact]
    public async Task MatchAsync_DebianUrgency_IsTheVendorSeverity()
    {
        using var database = await AdvisoryDatabase.LoadAsync("debian-tracker", TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json"));
        var package = new Package { Ecosystem = "deb", Name = "libjs-prototype", SourceName = "prototypejs", Version = "1.6.0.1-1", Purl = "pkg:deb/debian/libjs-prototype@1.6.0.1-1" };

        var result = await database.Matcher().MatchAsync(new Distribution { Id = "debian", Release = "9" }, [package], CancellationToken.None);

        var finding = result.Findings.Single(f => f.VulnerabilityId == "CVE-2008-7220");
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("debian-tracker", finding.SeveritySource);
        Assert.Equal("1.6.0.2-1", finding.FixedVersion);
        Assert.Equal("debian:9", finding.Evidence[0].Distribution);
    }

    public static TheoryData<string, string, string> OsvRecords()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (source, folder, pattern) in new[] { ("osv-go", "go", "*.json"), ("osv-crates-io", "rust", "*.json"), ("osv-pypi", "pypi", "*.yaml") })
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.Shared("feeds", "osv", folder), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(60))
            {
                data.Add(source, Path.GetRelativePath(TestPaths.Shared("feeds", "osv"), file), folder);
            }
        }

        foreach (var (source, file) in new[] { ("osv-npm", "ghsa/npm/GHSA-35jh-r3h4-6jhm.json"), ("osv-npm", "ghsa/npm/GHSA-c2qf-rxjj-qqgw.json"), ("osv-maven", "ghsa/maven/GHSA-jfh8-c2jp-5v3q.json"), ("osv-pypi", "ghsa/pypi/GHSA-j8r2-6x86-q33q.json"), ("osv-go", "ghsa/go/GHSA-qppj-fm5r-hxr3.json"), ("osv-nuget", "ghsa/nuget/GHSA-98g6-xh36-x2p7.json") })
        {
            data.Add(source, file, "ghsa");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OsvRecords))]
    public async Task MatchAsync_OsvRecord_IntroducedVersionMatchesAndFixedVersionDoesNot(string sourceName, string relativePath, string folder)
    {
        var path = TestPaths.Shared("feeds", "osv", relativePath);
        using var database = await AdvisoryDatabase.LoadAsync(sourceName, path);
        var record = ReadOsv(path);
        if (record["withdrawn"] is not null)
        {
            return;
        }

        foreach (var affected in record["affected"]!.AsArray().Select(a => a!.AsObject()))
        {
            var ecosystemName = affected["package"]?["ecosystem"]?.GetValue<string>();
            var ecosystem = ecosystemName switch { "Go" => "golang", "crates.io" => "cargo", "PyPI" => "pypi", "npm" => "npm", "Maven" => "maven", "NuGet" => "nuget", _ => null };
            if (ecosystem is null || !AdvisoryDatabase.Registry.TryGetSchemeForEcosystem(ecosystem, out var scheme))
            {
                continue;
            }

            var name = affected["package"]!["name"]!.GetValue<string>();
            foreach (var range in (affected["ranges"]?.AsArray() ?? []).Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() != "GIT"))
            {
                var events = range["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
                for (var i = 0; i < events.Count; i++)
                {
                    var introduced = events[i]["introduced"]?.GetValue<string>();
                    var fixedVersion = i + 1 < events.Count ? events[i + 1]["fixed"]?.GetValue<string>() : null;
                    if (introduced is null or "0" or "0.0.0-0" || !scheme.TryValidate(introduced, out _))
                    {
                        continue;
                    }

                    var package = new Package { Ecosystem = ecosystem, Name = name, Version = introduced, Purl = $"pkg:{ecosystem}/{name}@{introduced}" };
                    var found = await database.Matcher().MatchAsync(null, [package], CancellationToken.None);
                    Assert.Contains(found.Findings, f => f.Evidence.Any(e => e.RecordId == record["id"]!.GetValue<string>()));

                    if (fixedVersion is not null && scheme.TryValidate(fixedVersion, out _) && !IsListed(affected, fixedVersion) && !InOtherRange(affected, scheme, fixedVersion))
                    {
                        var upgraded = package with { Version = fixedVersion };
                        var none = await database.Matcher().MatchAsync(null, [upgraded], CancellationToken.None);
                        Assert.DoesNotContain(none.Findings, f => f.Evidence.Any(e => e.RecordId == record["id"]!.GetValue<string>()));
                    }
                }
            }
        }

        Assert.NotNull(folder);
    }

    [Fact]
    public async Task MatchAsync_GoRecords_AreKeyedByTheirCve()
    {
        using var database = await AdvisoryDatabase.LoadAsync("osv-go", TestPaths.Shared("feeds", "osv", "ghsa", "go", "GHSA-qppj-fm5r-hxr3.json"), TestPaths.Shared("feeds", "osv", "go", "GO-2023-2102.json"));
        var net = new Package { Ecosystem = "golang", Name = "golang.org/x/net", Version = "0.16.0", Purl = "pkg:golang/golang.org/x/net@0.16.0" };

        var result = await database.Matcher().MatchAsync(null, [net], CancellationToken.None);

        // GHSA-qppj is CVE-2023-44487 (rapid reset); GO-2023-2102 is CVE-2023-39325 (its aliases say so).
        Assert.Equal(["CVE-2023-39325", "CVE-2023-44487"], result.Findings.Select(f => f.VulnerabilityId).Order(StringComparer.Ordinal));
        var go = result.Findings.Single(f => f.VulnerabilityId == "CVE-2023-39325");
        Assert.Equal(["GHSA-4374-p667-p6c8", "GO-2023-2102"], go.Aliases);
        Assert.All(result.Findings, f => Assert.Equal("0.17.0", f.FixedVersion));
        Assert.Equal("osv-go", result.Findings.Single(f => f.VulnerabilityId == "CVE-2023-44487").SeveritySource);
    }

    [Fact]
    public async Task MatchAsync_TwoRecordsOfOneCve_GiveOneFindingWithBothIds()
    {
        // GO-2023-2102 as the GHSA database publishes the same vulnerability: its real GHSA alias as id.
        using var directory = new TempDirectory();
        var ghsa = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(TestPaths.Shared("feeds", "osv", "go", "GO-2023-2102.json")))!.AsObject();
        ghsa["id"] = "GHSA-4374-p667-p6c8";
        ghsa["aliases"] = new System.Text.Json.Nodes.JsonArray("CVE-2023-39325");
        await File.WriteAllTextAsync(directory.Combine("ghsa.json"), ghsa.ToJsonString());
        using var database = await AdvisoryDatabase.LoadAsync("osv-go", TestPaths.Shared("feeds", "osv", "go", "GO-2023-2102.json"), directory.Combine("ghsa.json"));
        var net = new Package { Ecosystem = "golang", Name = "golang.org/x/net", Version = "0.16.0", Purl = "pkg:golang/golang.org/x/net@0.16.0" };

        var result = await database.Matcher().MatchAsync(null, [net], CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("CVE-2023-39325", finding.VulnerabilityId);
        Assert.Equal(["GHSA-4374-p667-p6c8", "GO-2023-2102"], finding.Aliases);
        Assert.Equal(["GHSA-4374-p667-p6c8", "GO-2023-2102"], finding.Evidence.Select(e => e.RecordId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MatchAsync_GhsaAndPysecForOneCve_GiveOneFindingWithBothIds()
    {
        using var database = await AdvisoryDatabase.LoadAsync("osv-pypi", TestPaths.Shared("feeds", "osv", "ghsa", "pypi", "GHSA-j8r2-6x86-q33q.json"), TestPaths.Shared("feeds", "osv", "osv-schema", "osv-linter-testdata", "PYSEC-2023-74.json"));
        var requests = new Package { Ecosystem = "pypi", Name = "Requests", Version = "2.30.0", Purl = "pkg:pypi/requests@2.30.0" };

        var result = await database.Matcher().MatchAsync(null, [requests], CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("CVE-2023-32681", finding.VulnerabilityId);
        Assert.Contains("GHSA-j8r2-6x86-q33q", finding.Aliases);
        Assert.Contains("PYSEC-2023-74", finding.Aliases);
        Assert.Equal("2.31.0", finding.FixedVersion);
        Assert.Equal(2, finding.Evidence.Count);
    }

    [Fact]
    public async Task MatchAsync_Ubi9PackagesAgainstRedHatVex_FindsCurlBySourceRpm()
    {
        // The rpm manifest of a real ubi9/ubi image (Red Hat container catalog, via claircore's testdata).
        var txtar = await File.ReadAllTextAsync(TestPaths.Shared("pkgdb", "rpm", "claircore-rhel-package-ubi9_ubi.txtar"));
        var section = txtar.Split("\n-- ").First(s => s.Contains("/rpm-manifest --", StringComparison.Ordinal));
        var manifest = JsonDocument.Parse(section[(section.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        var packages = manifest.RootElement.GetProperty("rpms").EnumerateArray()
            .Select(r => new Package
            {
                Ecosystem = "rpm", Name = r.GetProperty("name").GetString()!, SourceName = r.GetProperty("srpm_name").GetString(),
                Version = $"{r.GetProperty("version").GetString()}-{r.GetProperty("release").GetString()}",
                Purl = $"pkg:rpm/redhat/{r.GetProperty("name").GetString()}",
            })
            .DistinctBy(p => p.Name)
            .ToList();
        using var database = await AdvisoryDatabase.LoadAsync("redhat-vex", TestPaths.Shared("feeds", "redhat", "claircore-vex", "cve-2023-38545.json"));

        var result = await database.Matcher().MatchAsync(new Distribution { Id = "rhel", Release = "9.0" }, packages, CancellationToken.None);

        // The expectation from the VEX: the curl source rpm fixes on platforms whose CPE is RHEL 9
        // (cpe:/[ao]:redhat:enterprise_linux:9…), the lowest above the image's 7.76.1-14.el9 by rpm ordering.
        var curl = result.Findings.Single(f => f.VulnerabilityId == "CVE-2023-38545" && f.Package.Name == "curl-minimal");
        Assert.Equal(FindingStatus.Fixed, curl.Status);
        Assert.True(AdvisoryDatabase.Registry.TryGetSchemeForEcosystem("rpm", out var rpm));
        using var vex = JsonDocument.Parse(await File.ReadAllTextAsync(TestPaths.Shared("feeds", "redhat", "claircore-vex", "cve-2023-38545.json")));
        var cpes = new Dictionary<string, string>();
        void Walk(JsonElement branches)
        {
            foreach (var branch in branches.EnumerateArray())
            {
                if (branch.TryGetProperty("product", out var p) && p.TryGetProperty("product_identification_helper", out var h) && h.TryGetProperty("cpe", out var cpe))
                {
                    cpes[p.GetProperty("product_id").GetString()!] = cpe.GetString()!;
                }

                if (branch.TryGetProperty("branches", out var children))
                {
                    Walk(children);
                }
            }
        }

        Walk(vex.RootElement.GetProperty("product_tree").GetProperty("branches"));
        var fixes = vex.RootElement.GetProperty("vulnerabilities")[0].GetProperty("product_status").GetProperty("fixed").EnumerateArray()
            .Select(e => Regex.Match(e.GetString()!, @"^(.+):curl-0:(7\.[^:]+)\.src$"))
            .Where(m => m.Success && cpes.TryGetValue(m.Groups[1].Value, out var cpe) && Regex.IsMatch(cpe, @"^cpe:/[ao]:redhat:enterprise_linux:9(?:$|:)"))
            .Select(m => m.Groups[2].Value)
            .Where(v => rpm.Compare(v, "7.76.1-14.el9") > 0)
            .Distinct()
            .ToList();
        fixes.Sort((x, y) => rpm.Compare(x, y));
        Assert.Equal(fixes[0], curl.FixedVersion);
        Assert.Equal("redhat-vex", curl.SeveritySource);
        Assert.Equal("rhel:9", curl.Evidence[0].Distribution);
        Assert.All(result.Findings, f => Assert.True(f.Package.SourceName == "curl" || f.Status == FindingStatus.NotAffected, f.Package.Name));
    }

    private static bool IsListed(System.Text.Json.Nodes.JsonObject affected, string version) =>
        (affected["versions"]?.AsArray() ?? []).Any(v => v!.GetValue<string>() == version);

    private static bool InOtherRange(System.Text.Json.Nodes.JsonObject affected, Scanning.Abstractions.Versioning.IVersionScheme scheme, string version)
    {
        // Multi-range records: a fix of one range can lie inside another range of the record.
        foreach (var range in (affected["ranges"]?.AsArray() ?? []).Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() != "GIT"))
        {
            string? start = null;
            foreach (var e in range["events"]!.AsArray().Select(e => e!.AsObject()))
            {
                if (e["introduced"]?.GetValue<string>() is { } i)
                {
                    start = i;
                }
                else if (start is not null && (e["fixed"] ?? e["last_affected"])?.GetValue<string>() is { } end)
                {
                    var inclusive = e["last_affected"] is not null;
                    if ((start is "0" or "0.0.0-0" || scheme.Compare(version, start) >= 0) && (inclusive ? scheme.Compare(version, end) <= 0 : scheme.Compare(version, end) < 0))
                    {
                        return true;
                    }

                    start = null;
                }
            }

            if (start is not null && (start is "0" or "0.0.0-0" || scheme.Compare(version, start) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    private static System.Text.Json.Nodes.JsonObject ReadOsv(string path)
    {
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            return System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        return (System.Text.Json.Nodes.JsonObject)Convert(yaml.Documents[0].RootNode)!;
    }

    private static System.Text.Json.Nodes.JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new System.Text.Json.Nodes.JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode list => new System.Text.Json.Nodes.JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode scalar => System.Text.Json.Nodes.JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static async Task<List<Package>> ReadApkInstalledAsync(string imagePath)
    {
        // docker-save archive → layer.tar → lib/apk/db/installed, read here without Drydock's detectors.
        await using var file = File.OpenRead(imagePath);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var outer = new TarReader(gzip);
        while (await outer.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (!entry.Name.EndsWith("layer.tar", StringComparison.Ordinal))
            {
                continue;
            }

            using var inner = new TarReader(entry.DataStream!);
            while (await inner.GetNextEntryAsync(copyData: true) is { } layerEntry)
            {
                if (layerEntry.Name.TrimStart('.', '/') == "lib/apk/db/installed")
                {
                    using var reader = new StreamReader(layerEntry.DataStream!);
                    return ParseInstalled(await reader.ReadToEndAsync());
                }
            }
        }

        throw new InvalidDataException("No lib/apk/db/installed in the image.");
    }

    private static List<Package> ParseInstalled(string text)
    {
        var packages = new List<Package>();
        foreach (var stanza in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = stanza.Split('\n').Where(l => l.Length > 2 && l[1] == ':').GroupBy(l => l[0]).ToDictionary(g => g.Key, g => g.First()[2..]);
            if (fields.TryGetValue('P', out var name) && fields.TryGetValue('V', out var version))
            {
                packages.Add(new Package
                {
                    Ecosystem = "apk", Name = name, Version = version, SourceName = fields.GetValueOrDefault('o'),
                    Purl = $"pkg:apk/alpine/{name}@{version}",
                });
            }
        }

        return packages;
    }

    private static Dictionary<string, List<(string Fixed, string Id)>> ReadSecfixes(string path)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        var result = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (YamlMappingNode entry in (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["packages"])
        {
            var pkg = (YamlMappingNode)entry["pkg"];
            var list = new List<(string, string)>();
            if (pkg.Children.TryGetValue("secfixes", out var fixes))
            {
                foreach (var (version, ids) in ((YamlMappingNode)fixes).Children)
                {
                    foreach (YamlScalarNode id in (YamlSequenceNode)ids)
                    {
                        var first = Regex.Match(id.Value!, @"CVE-\d{4}-\d+|XSA-\d+");
                        if (first.Success)
                        {
                            list.Add((((YamlScalarNode)version).Value!, first.Value));
                        }
                    }
                }
            }

            result[((YamlScalarNode)pkg["name"]).Value!] = list;
        }

        return result;
    }
}
