using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Commands;
using Drydock.Testing;
using Drydock.Testing.Feeds;
using Drydock.Testing.Images;
using Drydock.Testing.Rpm;

namespace Drydock.Tests.Commands;

/// <summary>
/// Amazon Linux end to end: <c>drydock db update --source amazon-alas --from DIR</c> reads a mirror whose
/// repositories were made by createrepo_c/modifyrepo_c from the updateinfo fixtures, then
/// <c>drydock scan oci:DIR</c> indexes an Amazon Linux image whose rpm database Debian's rpm wrote. The
/// expected findings are computed outside Drydock: createrepo_c reads the updateinfo, <c>rpm -qa</c> lists
/// the installed packages, rpm's own <c>labelCompare</c> orders the versions.
/// </summary>
public sealed class AmazonLinuxScanTests : IDisposable
{
    // For each installed package (binary name or source rpm name named by an ALAS package entry), every
    // CVE of a security update whose build is above it, with the lowest such build.
    private const string Expectation = """
        import json, subprocess, sys
        import rpm
        import createrepo_c as cr
        dbpath, fixture = sys.argv[1], sys.argv[2]
        query = subprocess.run(["rpm", "-qa", "--dbpath", dbpath, "--define", "_db_backend sqlite",
                                "--qf", "%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{SOURCERPM}\n"],
                               check=True, capture_output=True, text=True).stdout
        installed = []
        for line in query.splitlines():
            name, epoch, version, release, srpm = line.split("\t")
            if name != "gpg-pubkey":
                installed.append((name, (epoch, version, release), srpm.rsplit("-", 2)[0]))
        lowest = {}
        for update in cr.UpdateInfo(fixture).updates:
            if update.type != "security":
                continue
            cves = [r.id for r in update.references if r.type == "cve"] or [update.id]
            for collection in update.collections:
                for p in collection.packages:
                    fixed = (p.epoch or "0", p.version, p.release)
                    for name, evr, source in installed:
                        if p.name in (name, source) and rpm.labelCompare(evr, fixed) < 0:
                            for cve in cves:
                                if (name, cve) not in lowest or rpm.labelCompare(fixed, lowest[(name, cve)]) < 0:
                                    lowest[(name, cve)] = fixed
        text = lambda e, v, r: ("" if e in ("0", "") else e + ":") + v + "-" + r
        json.dump(sorted(f"{n} {c} {text(*f)}" for (n, c), f in lowest.items()), sys.stdout)
        """;

    private readonly TempDirectory _directory = new("drydock-amzn");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    public static TheoryData<string, string> Releases() => new() { { "2", "al2" }, { "2023", "al2023" } };

    // The packages of each release's image, with real Amazon Linux package names: some below the fixture's
    // fixes, some at them, some that no advisory names.
    private static readonly Dictionary<string, TestRpm[]> Packages = new()
    {
        ["2"] =
        [
            new("curl", null, "8.2.1", "1%{?dist}.0.3", ["curl", "libcurl"]),
            new("openssl", 1, "1.0.2k", "24%{?dist}.0.7", ["openssl-libs"]),
            new("expat", null, "2.1.0", "15%{?dist}.0.3", ["expat"]),
            new("bash", null, "4.2.46", "34%{?dist}", ["bash"]),
        ],
        ["2023"] =
        [
            new("curl", null, "8.2.1", "1%{?dist}.0.3", ["curl-minimal", "libcurl-minimal"]),
            new("openssl", 1, "3.0.8", "1%{?dist}.0.4", ["openssl-libs"]),
            new("vim", 2, "9.0.1403", "1%{?dist}.0.1", ["vim-minimal"]),
            new("bash", null, "5.2.15", "1%{?dist}.0.2", ["bash"]),
        ],
    };

    [ToolTheory("rpm", "rpmbuild", "createrepo_c", "modifyrepo_c", "/usr/bin/python3")]
    [MemberData(nameof(Releases))]
    public async Task RunAsync_AmazonLinuxImage_FindsTheAlasOfItsReleaseOnly(string release, string fixture)
    {
        var ct = CancellationToken.None;
        var mirror = _directory.Combine("mirror");
        await AmazonLinuxMirror.CreateAsync(mirror, ct);
        var database = _directory.Combine("vulndb.sqlite");
        var rpmdb = await BuildRpmDatabaseAsync(release, ct);
        var image = _directory.Combine("image");
        await new TestImageBuilder()
            .AddLayer(l => l
                .File("etc/os-release", $"NAME=\"Amazon Linux\"\nVERSION=\"{release}\"\nID=\"amzn\"\nID_LIKE=\"centos rhel fedora\"\nVERSION_ID=\"{release}\"\nPRETTY_NAME=\"Amazon Linux {release}\"\n")
                .File("var/lib/rpm/rpmdb.sqlite", File.ReadAllBytes(Path.Combine(rpmdb, "rpmdb.sqlite"))))
            .WriteOciLayoutAsync(image, ct);

        var (code, json) = await MirrorScan.RunAsync(database, "amazon-alas", mirror, $"oci:{image}", ct);

        var expected = JsonSerializer.Deserialize<List<string>>(
            (await ExternalTool.RunAsync("/usr/bin/python3", ["-c", Expectation, rpmdb, TestPaths.Local("feeds", "amazon-alas", fixture, "updateinfo.xml")], ct)).StandardOutput)!;
        var findings = json["findings"]!.AsArray().Select(f => f!).Where(f => f["status"]!.GetValue<string>() != "not-affected").ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(3, code);
        Assert.Equal(("amzn", release), (json["distribution"]!["id"]!.GetValue<string>(), json["distribution"]!["release"]!.GetValue<string>()));
        Assert.Equal(expected, findings.Select(f => $"{f["package"]!["name"]} {f["id"]} {f["fixedVersion"]}").Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Contains(
            f["aliases"]!.AsArray(), a => a!.GetValue<string>().StartsWith(release == "2" ? "ALAS2-" : "ALAS2023-", StringComparison.Ordinal)));
        Assert.All(findings, f => Assert.Equal(("amazon-alas", $"amzn:{release}"), (f["evidence"]![0]!["feed"]!.GetValue<string>(), f["evidence"]![0]!["distribution"]!.GetValue<string>())));
    }

    // Tiny packages built by rpmbuild with the release's dist tag, installed with rpm --justdb into a
    // SQLite rpm database (the format Amazon Linux 2023 uses; Debian's rpm cannot write Amazon Linux 2's
    // Berkeley DB, and the detector reads both).
    private async Task<string> BuildRpmDatabaseAsync(string release, CancellationToken ct)
    {
        var rpms = await TestRpmBuilder.BuildAsync(_directory.Combine($"build-{release}"), Packages[release], $".amzn{release}", ct);
        var dbpath = _directory.Combine($"rpmdb-{release}");
        await TestRpmBuilder.InstallAsync(dbpath, rpms, ct);
        return dbpath;
    }
}
