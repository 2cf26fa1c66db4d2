using Drydock.Ecosystems.Amazon;
using Drydock.Ecosystems.AzureLinux;
using Drydock.Ecosystems.Oracle;
using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Ecosystems.Photon;
using Drydock.Ecosystems.Rhel;
using Drydock.Ecosystems.Suse;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

[Collection(RpmTestDatabases.Collection)]
public sealed class RpmDatabaseDetectorTests(RpmTestDatabases databases)
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task DetectAsync_SqliteDatabaseWrittenByRpm_EqualsRpmQuery()
    {
        var expected = await RpmTestDatabases.QueryAsync(databases.SqliteDirectory, "sqlite", Ct);

        var (packages, context) = await DetectAsync(Path.Combine(databases.SqliteDirectory, "rpmdb.sqlite"), "var/lib/rpm/rpmdb.sqlite");

        Assert.Empty(context.Warnings);
        AssertSamePackages(expected, packages);
        Assert.All(packages, p => Assert.Equal("var/lib/rpm/rpmdb.sqlite", p.FilePath));
    }

    [Theory]
    [InlineData(4096, false)]
    [InlineData(4096, true)]
    [InlineData(512, false)]
    [InlineData(512, true)]
    public async Task DetectAsync_BerkeleyDatabaseWrittenByDbLoad_EqualsRpmQuery(int pageSize, bool bigEndian)
    {
        // Berkeley DB writes the file; rpm's read-only bdb backend says what it holds.
        var directory = await databases.CreateBerkeleyDatabaseAsync(pageSize, bigEndian, Ct);
        var expected = await RpmTestDatabases.QueryAsync(directory, "bdb_ro", Ct);

        var (packages, context) = await DetectAsync(Path.Combine(directory, "Packages"), "var/lib/rpm/Packages");

        Assert.Empty(context.Warnings);
        Assert.Equal(5, expected.Count);
        AssertSamePackages(expected, packages);
    }

    [Fact]
    public async Task DetectAsync_RealBerkeleyDatabaseFromRocky9_EqualsRpmQuery()
    {
        var directory = databases.NewDirectory("syft-bdb");
        File.Copy(TestPaths.Shared("pkgdb", "rpm", "syft-bdb-Packages"), Path.Combine(directory, "Packages"));
        var expected = await RpmTestDatabases.QueryAsync(directory, "bdb_ro", Ct);

        var (packages, context) = await DetectAsync(Path.Combine(directory, "Packages"), "var/lib/rpm/Packages");

        Assert.Empty(context.Warnings);
        Assert.Equal("dive", Assert.Single(expected).Name); // what the testdata README says it holds
        AssertSamePackages(expected, packages);
    }

    [Fact]
    public async Task DetectAsync_NdbDatabaseOfRpmHeaders_EqualsRpmQueryOfTheSameHeaders()
    {
        var expected = await RpmTestDatabases.QueryAsync(databases.SqliteDirectory, "sqlite", Ct);
        var path = Path.Combine(databases.NewDirectory("ndb"), "Packages.db");
        await File.WriteAllBytesAsync(path, NdbTestWriter.Write([.. databases.Blobs.Select(b => ((uint)b.Number, b.Blob))]), Ct);

        var (packages, context) = await DetectAsync(path, "usr/lib/sysimage/rpm/Packages.db");

        Assert.Empty(context.Warnings);
        AssertSamePackages(expected, packages);
    }

    [Fact]
    public async Task DetectAsync_GpgPubkeyInDatabase_IsLeftOut()
    {
        var all = await ExternalTool.RunAsync("rpm", ["-qa", "--dbpath", databases.SqliteDirectory, "--qf", "%{NAME}\\n"], Ct);
        Assert.Contains("gpg-pubkey", all.StandardOutput.Split('\n'));

        var (packages, _) = await DetectAsync(Path.Combine(databases.SqliteDirectory, "rpmdb.sqlite"), "var/lib/rpm/rpmdb.sqlite");

        Assert.DoesNotContain(packages, p => p.Name == "gpg-pubkey");
    }

    [Fact]
    public async Task DetectAsync_SqliteWithoutPackagesTable_WarnsNamingTheFile()
    {
        var (packages, context) = await DetectAsync(TestPaths.Shared("pkgdb", "rpm", "claircore-no_packages.sqlite"), "var/lib/rpm/rpmdb.sqlite");

        Assert.Empty(packages);
        var warning = Assert.Single(context.Warnings);
        Assert.StartsWith("var/lib/rpm/rpmdb.sqlite: ", warning, StringComparison.Ordinal);
        Assert.Contains("no Packages table", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetectAsync_EmptyFile_YieldsNothingWithoutWarning()
    {
        var path = Path.Combine(databases.NewDirectory("empty"), "Packages");
        await File.WriteAllBytesAsync(path, [], Ct);

        var (packages, context) = await DetectAsync(path, "var/lib/rpm/Packages");

        Assert.Empty(packages);
        Assert.Empty(context.Warnings);
    }

    [Fact]
    public async Task DetectAsync_FileLargerThanTheLimit_WarnsWithoutReading()
    {
        await using var stream = new MemoryStream([1, 2, 3]);
        var file = new LayerFile("var/lib/rpm/Packages", RpmDatabaseDetector.MaxDatabaseBytes + 1, stream);
        var context = new DetectionContext();

        await foreach (var package in RpmDatabaseDetector.Instance.DetectAsync(file, context, Ct))
        {
            Assert.Fail($"Read {package.Name} from a database over the limit.");
        }

        Assert.Contains("more than the 1073741824 bytes", Assert.Single(context.Warnings), StringComparison.Ordinal);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task DetectAsync_UnknownFormat_Warns()
    {
        var path = Path.Combine(databases.NewDirectory("text"), "Packages");
        await File.WriteAllTextAsync(path, "this is not a database, just a text file of some length", Ct);

        var (packages, context) = await DetectAsync(path, "var/lib/rpm/Packages");

        Assert.Empty(packages);
        Assert.Contains("not an rpm database in a known format", Assert.Single(context.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetectAsync_EpochAndArchitecture_AreInThePurlPerTheSpecification()
    {
        var (packages, _) = await DetectAsync(Path.Combine(databases.SqliteDirectory, "rpmdb.sqlite"), "var/lib/rpm/rpmdb.sqlite");

        // purl-spec rpm: version is VERSION-RELEASE, the epoch a qualifier; qualifiers sorted by key.
        Assert.Equal("pkg:rpm/beta@2.3.4-5.el9?arch=noarch&epoch=3", packages.Single(p => p.Name == "beta").Purl);
        Assert.Equal("pkg:rpm/alpha@1.0-1?arch=noarch", packages.Single(p => p.Name == "alpha").Purl);
        Assert.Equal("pkg:rpm/libgamma@0.1~rc1-0.3?arch=noarch", packages.Single(p => p.Name == "libgamma").Purl);
    }

    [Fact]
    public async Task DetectAsync_Subpackage_HasSourceNameAndVersionOfItsSourceRpm()
    {
        var (packages, _) = await DetectAsync(Path.Combine(databases.SqliteDirectory, "rpmdb.sqlite"), "var/lib/rpm/rpmdb.sqlite");

        var library = packages.Single(p => p.Name == "libgamma");
        Assert.Equal("gamma", library.SourceName);
        Assert.Null(library.SourceVersion); // equal to Version
        var beta = packages.Single(p => p.Name == "beta");
        Assert.Equal("beta", beta.SourceName);
        Assert.Equal(Scanning.Abstractions.Model.Ecosystems.Rpm, beta.Ecosystem);
    }

    [Theory]
    [InlineData("var/lib/rpm/Packages", true)]
    [InlineData("var/lib/rpm/rpmdb.sqlite", true)]
    [InlineData("var/lib/rpm/Packages.db", true)]
    [InlineData("usr/lib/sysimage/rpm/Packages.db", true)]
    [InlineData("usr/lib/sysimage/rpm/rpmdb.sqlite", true)]
    [InlineData("usr/share/rpm/Packages", true)]
    [InlineData("var/lib/rpm/Index.db", false)]
    [InlineData("var/lib/rpm/rpmdb.sqlite-wal", false)]
    [InlineData("var/lib/rpm/Name", false)]
    [InlineData("var/lib/rpm/sub/Packages", false)]
    [InlineData("opt/var/lib/rpm/Packages", false)]
    [InlineData("var/lib/dpkg/status", false)]
    public void IsCandidate_Path_AcceptsOnlyRpmDatabases(string path, bool expected) =>
        Assert.Equal(expected, RpmDatabaseDetector.Instance.IsCandidate(path));

    [Theory]
    [InlineData("bash-5.1.8-9.el9.src.rpm", null, "bash", "5.1.8-9.el9")]
    [InlineData("openssl-1.1.1k-9.el8_6.src.rpm", 1, "openssl", "1:1.1.1k-9.el8_6")]
    [InlineData("python-requests-2.25.1-1.fc34.src.rpm", null, "python-requests", "2.25.1-1.fc34")]
    [InlineData("kernel-5.14.0-70.nosrc.rpm", null, "kernel", "5.14.0-70")]
    [InlineData("broken.src.rpm", null, null, null)]
    [InlineData("a-1.src.rpm", null, null, null)]
    [InlineData("-1-2.src.rpm", null, null, null)]
    [InlineData("name-1-.src.rpm", null, null, null)]
    [InlineData("name-1-2.rpm", null, null, null)]
    [InlineData("", null, null, null)]
    public void ParseSourceRpm_FileName_SplitsNameAndVersion(string sourceRpm, int? epoch, string? name, string? version) =>
        Assert.Equal((name, version), RpmDatabaseDetector.ParseSourceRpm(sourceRpm, epoch));

    [Fact]
    public void Register_EveryRpmDistribution_RegistersTheSameDetector()
    {
        IEcosystemModule[] modules = [new RhelEcosystem(), new AmazonEcosystem(), new OracleEcosystem(), new SuseEcosystem(), new PhotonEcosystem(), new AzureLinuxEcosystem()];

        foreach (var module in modules)
        {
            Assert.Contains(EcosystemBuilder.Build([module]).PackageDetectors, d => ReferenceEquals(d, RpmDatabaseDetector.Instance));
        }

        Assert.Single(EcosystemBuilder.Build(modules).PackageDetectors, d => d.Name == "rpmdb");
    }

    internal static async Task<(List<Package> Packages, DetectionContext Context)> DetectAsync(string path, string imagePath)
    {
        await using var stream = new ForwardOnlyStream(File.OpenRead(path));
        var file = new LayerFile(imagePath, new FileInfo(path).Length, stream);
        var context = new DetectionContext();
        var packages = new List<Package>();
        await foreach (var package in RpmDatabaseDetector.Instance.DetectAsync(file, context, Ct))
        {
            packages.Add(package);
        }

        return (packages, context);
    }

    /// <summary>Compares every field rpm prints with the package Drydock made of the same header.</summary>
    private static void AssertSamePackages(IReadOnlyList<RpmQueryRow> expected, IReadOnlyList<Package> actual)
    {
        Assert.NotEmpty(expected);
        var expectedLines = expected.Select(r => string.Join(" | ",
            r.Name, r.Evr, r.Architecture, r.SourceRpm, r.License, r.Vendor, r.ModularityLabel,
            $"pkg:rpm/{r.Name}@{r.Version}-{r.Release}?arch={r.Architecture}{(r.EpochNumber == "0" ? string.Empty : "&epoch=" + r.EpochNumber)}"));
        var actualLines = actual.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => string.Join(" | ",
            p.Name, p.Version, p.Architecture, SourceRpmOf(p), p.License, p.Vendor, p.Module, p.Purl));

        Assert.Equal(expectedLines, actualLines);
    }

    /// <summary>The source rpm file name the package's source fields stand for.</summary>
    private static string? SourceRpmOf(Package package)
    {
        if (package.SourceName is null)
        {
            return null;
        }

        var version = package.SourceVersion ?? package.Version;
        var colon = version.IndexOf(':', StringComparison.Ordinal);
        return $"{package.SourceName}-{version[(colon + 1)..]}.src.rpm";
    }

    /// <summary>A stream that, like a layer's tar entry, can only be read forward.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
