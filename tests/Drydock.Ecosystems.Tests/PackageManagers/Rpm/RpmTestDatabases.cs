using System.Globalization;
using System.Text;
using Drydock.Testing;
using Microsoft.Data.Sqlite;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>
/// Real rpm databases made by Debian's rpm for the tests: tiny packages built with <c>rpmbuild</c>,
/// installed with <c>rpm -i --justdb --nodeps</c> into a fresh SQLite database, plus a signing key
/// imported with <c>rpm --import</c> (a gpg-pubkey pseudo-package). What the databases hold is
/// always asked of rpm (<see cref="QueryAsync"/>), never assumed.
/// </summary>
public sealed class RpmTestDatabases : IAsyncLifetime
{
    /// <summary>The test collection that shares one set of databases (building them takes seconds).</summary>
    public const string Collection = "rpm databases";

    /// <summary>The fields compared with what Drydock reads, in the order the query prints them.</summary>
    private const string QueryFormat =
        "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{EVR}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\t%{VENDOR}\\t%{MODULARITYLABEL}\\n";

    private static readonly string[] Specs =
    [
        // Epoch 0 written out (rpm prints it as "0:"), a vendor, a modularity label.
        """
        Name: alpha
        Version: 1.0
        Release: 1
        Epoch: 0
        Summary: Drydock test package
        License: MIT
        Vendor: Drydock Tést
        BuildArch: noarch
        %define modularitylabel perl:5.32:8060020220712085702:9edba152
        %description
        A test package.
        %files
        """,
        // A real epoch, a release with a dist tag, a licence expression and one file.
        """
        Name: beta
        Version: 2.3.4
        Release: 5.el9
        Epoch: 3
        Summary: Drydock test package
        License: GPL-2.0-or-later AND MIT
        BuildArch: noarch
        %description
        A test package with one file.
        %install
        mkdir -p %{buildroot}/usr/share/beta
        echo beta > %{buildroot}/usr/share/beta/README
        %files
        /usr/share/beta/README
        """,
        // No epoch, no vendor; a subpackage, so the source rpm name differs from the binary name.
        """
        Name: gamma
        Version: 0.1~rc1
        Release: 0.3
        Summary: Drydock test package
        License: ASL 2.0
        BuildArch: noarch
        %description
        A test package.
        %package -n libgamma
        Summary: Drydock test subpackage
        %description -n libgamma
        A subpackage.
        %files
        %files -n libgamma
        """,
        // A header of tens of kilobytes, so that Berkeley DB keeps it on a chain of overflow pages.
        $"""
        Name: delta
        Version: 7
        Release: 1
        Summary: Drydock test package
        License: BSD-3-Clause
        BuildArch: noarch
        %description
        {string.Join('\n', Enumerable.Range(0, 400).Select(i => $"Line {i} of a long description that makes the header larger than several pages."))}
        %files
        """,
    ];

    private readonly TempDirectory _root = new("drydock-rpm-test");

    /// <summary>The folder of the SQLite database rpm wrote (its <c>--dbpath</c>).</summary>
    public string SqliteDirectory => _root.Combine("sqlite");

    /// <summary>The header blobs rpm stored, in header-number order, keyed by header number.</summary>
    public IReadOnlyList<(long Number, byte[] Blob)> Blobs { get; private set; } = [];

    /// <summary>A fresh folder for one test.</summary>
    public string NewDirectory(string name)
    {
        var path = _root.Combine(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        var top = _root.Combine("rpmbuild");
        for (var i = 0; i < Specs.Length; i++)
        {
            var spec = _root.Combine($"package{i}.spec");
            await File.WriteAllTextAsync(spec, Specs[i].Replace("\r", string.Empty, StringComparison.Ordinal) + "\n", ct);
            await ExternalTool.RunAsync("rpmbuild", ["-bb", "--quiet", "--define", $"_topdir {top}", spec], ct);
        }

        var packages = Directory.GetFiles(Path.Combine(top, "RPMS"), "*.rpm", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        Directory.CreateDirectory(SqliteDirectory);
        await ExternalTool.RunAsync("rpm", ["--initdb", "--dbpath", SqliteDirectory, "--define", "_db_backend sqlite"], ct);
        await ExternalTool.RunAsync(
            "rpm",
            ["-i", "--justdb", "--nodeps", "--ignorearch", "--ignoreos", "--dbpath", SqliteDirectory, "--define", "_db_backend sqlite", .. packages],
            ct);
        await ImportSigningKeyAsync(ct);

        var blobs = new List<(long, byte[])>();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(SqliteDirectory, "rpmdb.sqlite")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hnum, blob FROM Packages ORDER BY hnum";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                blobs.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        Blobs = blobs;
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>What <c>rpm -qa --dbpath</c> prints for a database, gpg-pubkey pseudo-packages left out
    /// (they are signing keys, not software), sorted.</summary>
    public static async Task<IReadOnlyList<RpmQueryRow>> QueryAsync(string dbPath, string backend, CancellationToken cancellationToken)
    {
        var result = await ExternalTool.RunAsync(
            "rpm",
            ["-qa", "--dbpath", dbPath, "--define", $"_db_backend {backend}", "--qf", QueryFormat],
            cancellationToken);
        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(RpmQueryRow.Parse)
            .Where(row => row.Name != "gpg-pubkey")
            .OrderBy(row => row.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads the header blobs into a Berkeley DB hash database with Berkeley DB's own
    /// <c>db_load</c>, keyed by header number as rpm keys its Packages database.</summary>
    public async Task<string> CreateBerkeleyDatabaseAsync(int pageSize, bool bigEndian, CancellationToken cancellationToken)
    {
        var directory = NewDirectory($"bdb-{pageSize}-{(bigEndian ? "be" : "le")}");
        var dump = new StringBuilder();
        dump.Append(CultureInfo.InvariantCulture, $"VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize={pageSize}\nHEADER=END\n");
        foreach (var (number, blob) in Blobs)
        {
            var key = BitConverter.GetBytes((uint)number);
            if (bigEndian != !BitConverter.IsLittleEndian)
            {
                Array.Reverse(key); // rpm writes keys in the byte order of the machine that made the database
            }

            dump.Append(' ').Append(Convert.ToHexStringLower(key)).Append('\n');
            dump.Append(' ').Append(Convert.ToHexStringLower(blob)).Append('\n');
        }

        dump.Append("DATA=END\n");
        var input = Path.Combine(directory, "dump.txt");
        await File.WriteAllTextAsync(input, dump.ToString(), cancellationToken);
        await ExternalTool.RunAsync(
            "db5.3_load",
            ["-c", $"db_lorder={(bigEndian ? 4321 : 1234)}", "-f", input, Path.Combine(directory, "Packages")],
            cancellationToken);
        File.Delete(input);
        return directory;
    }

    private async Task ImportSigningKeyAsync(CancellationToken ct)
    {
        var home = _root.Combine("gnupg");
        // gpg refuses a home folder that others can read.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The rpm tests run Debian's rpm and gpg.");
        }

        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await ExternalTool.RunAsync(
                "gpg",
                ["--batch", "--homedir", home, "--pinentry-mode", "loopback", "--passphrase", string.Empty,
                 "--quick-gen-key", "Drydock Test <test@example.org>", "ed25519", "sign", "never"],
                ct);
            var key = await ExternalTool.RunAsync("gpg", ["--batch", "--homedir", home, "--armor", "--export"], ct);
            var keyFile = _root.Combine("key.asc");
            await File.WriteAllTextAsync(keyFile, key.StandardOutput, ct);
            await ExternalTool.RunAsync("rpm", ["--import", keyFile, "--dbpath", SqliteDirectory, "--define", "_db_backend sqlite"], ct);
        }
        finally
        {
            // gpg starts an agent for the key; stop it so no process outlives the tests.
            await ExternalTool.RunAsync("gpgconf", ["--homedir", home, "--kill", "gpg-agent"], ct, check: false);
        }
    }
}
