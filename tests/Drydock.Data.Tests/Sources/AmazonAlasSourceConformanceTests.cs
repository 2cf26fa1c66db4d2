using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Drydock.Data.Tests.Sqlite;
using Drydock.Testing.Feeds;

namespace Drydock.Data.Tests.Sources;

/// <summary>The advisory-source conformance suite on Amazon Linux ALAS: mirror lists naming yum repositories
/// made by createrepo_c/modifyrepo_c from the updateinfo fixtures.</summary>
public sealed class AmazonAlasSourceConformanceTests : AdvisorySourceConformanceTests
{
    private IReadOnlyDictionary<string, string> _updateInfo = new Dictionary<string, string>();

    protected override string SourceName => "amazon-alas";

    protected override string BrokenRecord => "ALAS2023-2023-309";

    protected override async Task WriteMirrorAsync(CancellationToken cancellationToken)
    {
        _updateInfo = await AmazonLinuxMirror.CreateAsync(MirrorRoot, cancellationToken);
    }

    [Fact]
    public async Task UpdateAsync_200_StoresEveryAlasOfBothReleasesThroughTheRepositoryMetadata()
    {
        var (store, rows) = await LoadedStoreAsync();

        // From the fixtures: one record per CVE reference of each update, one statement per package name.
        var expected = AmazonLinuxMirror.Releases
            .SelectMany(r => XDocument.Load(r.Fixture).Root!.Elements("update"))
            .SelectMany(u => u.Descendants("reference").Select(_ => u.Descendants("package").Select(p => (string)p.Attribute("name")!).Distinct().Count()))
            .ToList();
        Assert.Equal(expected.Count, (await store.GetSourceStatusAsync(CancellationToken.None)).Single().RecordCount);
        Assert.Equal(expected.Sum(), rows);
        var statements = await AdvisoryStoreReading.ReadAllAsync(store);
        Assert.Contains(statements, r => r.AdvisoryId == "CVE-2023-3817" && r.Package.Distribution == "amzn:2" && r.Package.Name == "openssl-libs" && r.Package.Ranges[0].Fixed == "1:1.0.2k-24.amzn2.0.9");
        Assert.Contains(statements, r => r.AdvisoryId == "CVE-2023-38545" && r.Package.Distribution == "amzn:2023" && r.Package.Name == "curl-minimal" && r.Package.Ranges[0].Fixed == "8.3.0-1.amzn2023.0.1");
    }

    // The 2023 file's openssl update loses a package's version.
    protected override async Task BreakOneRecordAsync(CancellationToken cancellationToken)
    {
        var path = _updateInfo["2023"];
        string text;
        await using (var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var reader = new StreamReader(input))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        await using var output = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        await output.WriteAsync(Encoding.UTF8.GetBytes(text.Replace("<package name=\"openssl-libs\" version=\"3.0.8\"", "<package name=\"openssl-libs\"", StringComparison.Ordinal)), cancellationToken);
    }
}
