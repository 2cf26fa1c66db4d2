using System.Text.Json.Nodes;
using System.Xml.Linq;
using Drydock.Commands;
using Drydock.Testing;
using Drydock.Testing.Rpm;

namespace Drydock.Tests.Commands;

/// <summary>
/// Oracle Linux end to end against OpenSCAP: an Oracle Linux 8 root filesystem whose rpm database Debian's
/// rpm wrote (packages built by rpmbuild and signed by rpmsign), the OVAL fixture evaluated against it by
/// <c>oscap oval eval</c> (the OVAL interpreter, reading the same rpm database through its rpminfo probe),
/// and <c>drydock db update --from DIR</c> + <c>drydock scan dir:ROOT</c> over the same fixture. The
/// errata Drydock reports are exactly the definitions OpenSCAP finds true.
/// </summary>
public sealed class OracleLinuxScanTests : IDisposable
{
    // The fixture's Oracle Linux 8 signing key id; the test signs with its own key and puts that id in.
    private const string FixtureKeyId = "bc4d06a08d8b756f";

    private static readonly TestRpm[] Packages =
    [
        new("oraclelinux-release", 8, "8.8", "1.0.5%{?dist}", ["oraclelinux-release"]),
        // Below ELSA-2023-5700's 7.61.1-30.el8_8.3.
        new("curl", null, "7.61.1", "25%{?dist}", ["curl", "libcurl-minimal"]),
        // At ELSA-2023-5217's 1:1.1.1k-10.el8_8: not affected.
        new("openssl", 1, "1.1.1k", "10%{?dist}_8", ["openssl-libs"]),
        // Below ELSA-2023-12788's 5.15.0-105.125.6.2.1.el8uek.
        new("kernel-uek", null, "5.15.0", "101.103.2.1%{?dist}uek", ["kernel-uek-core"]),
    ];

    private readonly TempDirectory _directory = new("drydock-ol");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [ToolFact("rpm", "rpmbuild", "rpmsign", "gpg", "gpgconf", "oscap", "bzip2")]
    public async Task RunAsync_OracleLinux8Root_ReportsTheErrataOpenScapFindsTrue()
    {
        var ct = CancellationToken.None;
        var root = _directory.Combine("root");
        var keyId = await BuildRootAsync(root, ct);
        var fixture = _directory.Combine("com.oracle.elsa-all.xml");
        await File.WriteAllTextAsync(fixture, (await File.ReadAllTextAsync(TestPaths.Local("feeds", "oracle-oval", "com.oracle.elsa-fixture.xml"), ct)).Replace(FixtureKeyId, keyId, StringComparison.Ordinal), ct);

        // OpenSCAP, offline on the root.
        var trueDefinitions = await OpenScap.TrueDefinitionsAsync(fixture, root, _directory.Path, ct);
        XNamespace oval = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
        var expected = XDocument.Load(fixture).Descendants(oval + "definition")
            .Where(d => trueDefinitions.Contains((string)d.Attribute("id")!))
            .Select(d => (string)d.Descendants(oval + "reference").Single(r => (string?)r.Attribute("source") == "elsa").Attribute("ref_id")!)
            .Order(StringComparer.Ordinal)
            .ToList();

        // Drydock, from a mirror directory holding the fixture where Oracle publishes it.
        var mirror = _directory.Combine("mirror");
        var published = Path.Combine(mirror, "linux.oracle.com", "security", "oval", "com.oracle.elsa-all.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(published)!);
        File.Copy(fixture, published);
        await ExternalTool.RunAsync("bzip2", [published], ct);
        var database = _directory.Combine("vulndb.sqlite");
        var (code, json) = await MirrorScan.RunAsync(database, "oracle-oval", mirror, $"dir:{root}", ct);

        // The root was built so that OpenSCAP finds these two (and not ELSA-2023-5217, whose build is
        // installed); anything else means the root, not Drydock, is wrong.
        Assert.Equal(["ELSA-2023-12788", "ELSA-2023-5700"], expected);
        Assert.Equal(3, code);
        Assert.Equal(("ol", "8"), (json["distribution"]!["id"]!.GetValue<string>(), json["distribution"]!["release"]!.GetValue<string>()));
        var reported = json["findings"]!.AsArray()
            .Where(f => f!["status"]!.GetValue<string>() != "not-affected")
            .SelectMany(f => f!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()))
            .Where(a => a.StartsWith("ELSA-", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, reported);
    }

    // The root: os-release and an rpm database of signed packages (v3 signatures, which OpenSCAP's rpminfo
    // probe reads the key id from). Returns the signing key id.
    private async Task<string> BuildRootAsync(string root, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Oracle Linux test runs Debian's rpm, gpg and OpenSCAP.");
        }

        // gpg refuses a home folder that others can read.
        var home = _directory.Combine("gnupg");
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string keyId;
        try
        {
            await ExternalTool.RunAsync(
                "gpg", ["--batch", "--homedir", home, "--pinentry-mode", "loopback", "--passphrase", string.Empty, "--quick-gen-key", "Drydock Test <test@example.org>", "rsa2048", "sign", "never"], ct);
            var keys = await ExternalTool.RunAsync("gpg", ["--batch", "--homedir", home, "--with-colons", "--list-keys"], ct);
            keyId = keys.StandardOutput.Split('\n').First(l => l.StartsWith("pub:", StringComparison.Ordinal)).Split(':')[4].ToLowerInvariant();

            var packages = await TestRpmBuilder.BuildAsync(_directory.Combine("build"), Packages, ".el8", ct);
            await ExternalTool.RunAsync(
                "rpmsign",
                ["--addsign", "--rpmv3", "--define", "_gpg_name Drydock Test", "--define", $"_gpg_path {home}", "--define", "__gpg /usr/bin/gpg", .. packages],
                ct);
            await TestRpmBuilder.InstallAsync(Path.Combine(root, "var", "lib", "rpm"), packages, ct);
        }
        finally
        {
            // gpg starts an agent for the key; stop it so no process outlives the test.
            await ExternalTool.RunAsync("gpgconf", ["--homedir", home, "--kill", "gpg-agent"], ct, check: false);
        }

        Directory.CreateDirectory(Path.Combine(root, "etc"));
        await File.WriteAllTextAsync(
            Path.Combine(root, "etc", "os-release"),
            "NAME=\"Oracle Linux Server\"\nVERSION=\"8.8\"\nID=\"ol\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"8.8\"\nPRETTY_NAME=\"Oracle Linux Server 8.8\"\nCPE_NAME=\"cpe:/o:oracle:linux:8:8:server\"\n",
            ct);
        return keyId;
    }
}
