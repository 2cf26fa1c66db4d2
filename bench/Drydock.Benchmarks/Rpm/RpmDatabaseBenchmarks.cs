using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Detection;
using Microsoft.Data.Sqlite;

namespace Drydock.Benchmarks.Rpm;

/// <summary>
/// Header parsing and whole-database reads for the three rpm database formats. Each database holds
/// <see cref="Packages"/> copies of one real Fedora header (31 KB, from the shared test data), about
/// the size of a UBI image's database. The Berkeley DB file is written by Berkeley DB's db5.3_load.
/// </summary>
[MemoryDiagnoser]
public class RpmDatabaseBenchmarks
{
    private const int Packages = 200;

    private byte[] _header = [];
    private string _folder = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _header = File.ReadAllBytes(Path.Combine(SharedTestData(), "pkgdb", "rpm", "claircore-package.header"));
        _folder = Directory.CreateTempSubdirectory("drydock-rpm-bench-").FullName;

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "rpmdb.sqlite")};Pooling=False"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL); INSERT INTO Packages (blob) SELECT $blob FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count) SELECT i FROM n)";
            command.Parameters.AddWithValue("$blob", _header);
            command.Parameters.AddWithValue("$count", Packages);
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        File.WriteAllBytes(Path.Combine(_folder, "Packages.db"), WriteNdb());

        var dump = new StringBuilder("VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=4096\nHEADER=END\n");
        var hex = Convert.ToHexStringLower(_header);
        for (var i = 1; i <= Packages; i++)
        {
            dump.Append(CultureInfo.InvariantCulture, $" {Convert.ToHexStringLower(BitConverter.GetBytes((uint)i))}\n {hex}\n");
        }

        File.WriteAllText(Path.Combine(_folder, "dump.txt"), dump.Append("DATA=END\n").ToString());
        using var load = Process.Start("db5.3_load", ["-f", Path.Combine(_folder, "dump.txt"), Path.Combine(_folder, "Packages")]);
        load.WaitForExit();
        if (load.ExitCode != 0)
        {
            throw new InvalidOperationException("db5.3_load failed; install db5.3-util.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public string ParseHeader() => RpmHeader.TryParse(_header, out var header, out _) ? header.Name : string.Empty;

    [Benchmark]
    public int ReadSqlite() => Read("rpmdb.sqlite");

    [Benchmark]
    public int ReadBerkeleyDb() => Read("Packages");

    [Benchmark]
    public int ReadNdb() => Read("Packages.db");

    private int Read(string file)
    {
        var count = RpmDatabaseDetector.Read(Path.Combine(_folder, file), "var/lib/rpm/" + file, new DetectionContext(), CancellationToken.None).Count;
        return count == Packages ? count : throw new InvalidOperationException($"{file}: read {count} packages.");
    }

    /// <summary>An ndb file as rpm's rpmpkg.c lays it out: a header, slot pages, then the blobs.</summary>
    private byte[] WriteNdb()
    {
        const int PageSize = 4096;
        var slotPages = (Packages + 2 + 255) / 256;
        using var output = new MemoryStream();
        output.Write(new byte[slotPages * PageSize]);
        var slots = new List<(uint Offset, uint Count)>();
        for (var i = 1; i <= Packages; i++)
        {
            var blocks = (16 + _header.Length + 12 + 15) / 16;
            var stored = new byte[blocks * 16];
            "BlbS"u8.CopyTo(stored);
            BinaryPrimitives.WriteUInt32LittleEndian(stored.AsSpan(4), (uint)i);
            BinaryPrimitives.WriteUInt32LittleEndian(stored.AsSpan(12), (uint)_header.Length);
            _header.CopyTo(stored, 16);
            BinaryPrimitives.WriteUInt32LittleEndian(stored.AsSpan(stored.Length - 12), NdbRpmDatabase.Adler32(stored.AsSpan(0, stored.Length - 12)));
            BinaryPrimitives.WriteUInt32LittleEndian(stored.AsSpan(stored.Length - 8), (uint)_header.Length);
            "BlbE"u8.CopyTo(stored.AsSpan(stored.Length - 4));
            slots.Add(((uint)(output.Length / 16), (uint)blocks));
            output.Write(stored);
        }

        var file = output.ToArray();
        "RpmP"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), (uint)slotPages);
        for (var slot = 2; slot < slotPages * 256; slot++)
        {
            "Slot"u8.CopyTo(file.AsSpan(slot * 16));
            if (slot - 2 < slots.Count)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((slot * 16) + 4), (uint)(slot - 1));
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((slot * 16) + 8), slots[slot - 2].Offset);
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((slot * 16) + 12), slots[slot - 2].Count);
            }
        }

        return file;
    }

    private static string SharedTestData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Drydock.slnx")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "testdata");
            }
        }

        throw new DirectoryNotFoundException("No Drydock.slnx above the benchmark.");
    }
}
