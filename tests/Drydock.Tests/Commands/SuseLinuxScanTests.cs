using System.Text.Json.Nodes;
using System.Xml.Linq;
using Drydock.Commands;
using Drydock.Testing;
using Drydock.Testing.Rpm;

namespace Drydock.Tests.Commands;

/// <summary>
/// SUSE Linux Enterprise Server end to end against OpenSCAP: a SLES 15 SP5 root filesystem whose rpm
/// database Debian's rpm wrote, the SUSE OVAL fixture evaluated against it by <c>oscap oval eval</c>, and
/// <c>drydock db update --from DIR</c> + <c>drydock scan dir:ROOT</c> over the same fixture. The CVEs
/// Drydock reports are exactly the definitions OpenSCAP finds true.
/// </summary>
public sealed class SuseLinuxScanTests : IDisposable
{
    private static readonly TestRpm[] Packages =
    [
        new("sles-release", null, "15.5", "150500.43.1", ["sles-release"]),
        // Below the CVE-2023-38545 fix 8.0.1-150400.5.32.1.
        new("curl", null, "8.0.1", "150400.5.23.1", ["curl", "libcurl4"]),
        // At the CVE-2023-3817 fix 1.1.1l-150500.17.15.1: not affected.
        new("openssl-1_1", null, "1.1.1l", "150500.17.15.1", ["libopenssl1_1"]),
    ];

    private readonly TempDirectory _directory = new("drydock-sles");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [ToolFact("rpm", "rpmbuild", "oscap", "gzip")]
    public async Task RunAsync_Sles155Root_ReportsTheCvesOpenScapFindsTrue()
    {
        var ct = CancellationToken.None;
        var root = _directory.Combine("root");
        var rpms = await TestRpmBuilder.BuildAsync(_directory.Combine("build"), Packages, ".sle", ct);
        await TestRpmBuilder.InstallAsync(Path.Combine(root, "var", "lib", "rpm"), rpms, ct);
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        await File.WriteAllTextAsync(
            Path.Combine(root, "etc", "os-release"),
            "NAME=\"SLES\"\nVERSION=\"15-SP5\"\nVERSION_ID=\"15.5\"\nPRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP5\"\nID=\"sles\"\nID_LIKE=\"suse\"\nCPE_NAME=\"cpe:/o:suse:sles:15:sp5\"\n",
            ct);
        var fixture = TestPaths.Local("feeds", "suse-oval", "suse.linux.enterprise.server.15-fixture.xml");

        var trueDefinitions = await OpenScap.TrueDefinitionsAsync(fixture, root, _directory.Path, ct);
        XNamespace oval = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
        var expected = XDocument.Load(fixture).Descendants(oval + "definition")
            .Where(d => trueDefinitions.Contains((string)d.Attribute("id")!))
            .Select(d => d.Descendants(oval + "title").Single().Value)
            .Order(StringComparer.Ordinal)
            .ToList();

        // Drydock, from a mirror directory holding the fixture where SUSE publishes the SLES 15 file (the
        // other product files of the source are empty definition sets here).
        var mirror = _directory.Combine("mirror");
        var folder = Path.Combine(mirror, "ftp.suse.com", "pub", "projects", "security", "oval");
        Directory.CreateDirectory(folder);
        File.Copy(fixture, Path.Combine(folder, "suse.linux.enterprise.server.15.xml"));
        await ExternalTool.RunAsync("gzip", [Path.Combine(folder, "suse.linux.enterprise.server.15.xml")], ct);
        foreach (var other in new[] { "suse.linux.enterprise.server.12.xml", "opensuse.leap.15.5.xml", "opensuse.leap.15.6.xml" })
        {
            await File.WriteAllTextAsync(Path.Combine(folder, other), "<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\"/>\n", ct);
            await ExternalTool.RunAsync("gzip", [Path.Combine(folder, other)], ct);
        }

        var database = _directory.Combine("vulndb.sqlite");
        var (code, json) = await MirrorScan.RunAsync(database, "suse-oval", mirror, $"dir:{root}", ct);

        // The root was built so that OpenSCAP finds exactly this one (and not CVE-2023-3817, whose build is
        // installed); anything else means the root, not Drydock, is wrong.
        Assert.Equal(["CVE-2023-38545"], expected);
        Assert.Equal(3, code);
        Assert.Equal(("sles", "15.5"), (json["distribution"]!["id"]!.GetValue<string>(), json["distribution"]!["release"]!.GetValue<string>()));
        var reported = json["findings"]!.AsArray()
            .Where(f => f!["status"]!.GetValue<string>() != "not-affected")
            .Select(f => f!["id"]!.GetValue<string>())
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, reported);
    }
}
