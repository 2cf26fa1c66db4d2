using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Drydock.Ecosystems.AdvisoryFormats.UpdateInfo;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.UpdateInfo;

public sealed class UpdateInfoParserTests
{
    // createrepo_c's own updateinfo reader (python3-createrepo-c), dumping every field the parser reads.
    private const string CreaterepoDump = """
        import json, sys
        import createrepo_c as cr
        out = []
        for u in cr.UpdateInfo(sys.argv[1]).updates:
            out.append({
                "id": u.id, "type": u.type, "status": u.status, "title": u.title, "severity": u.severity,
                "description": u.description,
                "issued": u.issued_date.strftime("%Y-%m-%d %H:%M:%S") if u.issued_date else None,
                "updated": u.updated_date.strftime("%Y-%m-%d %H:%M:%S") if u.updated_date else None,
                "references": [[r.href, r.id, r.type, r.title] for r in u.references],
                "packages": [[p.name, p.epoch, p.version, p.release, p.arch] for c in u.collections for p in c.packages],
            })
        json.dump(out, sys.stdout)
        """;

    private static string Fixture(string release) => TestPaths.Local("feeds", "amazon-alas", release, "updateinfo.xml");

    private static async Task<List<UpdateInfoRecord>> ReadAsync(Stream stream)
    {
        var list = new List<UpdateInfoRecord>();
        await foreach (var record in UpdateInfoParser.ReadAsync(stream, "test", CancellationToken.None))
        {
            list.Add(record);
        }

        return list;
    }

    private static Task<List<UpdateInfoRecord>> ReadTextAsync(string xml) => ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [ToolFact("/usr/bin/python3", "createrepo_c")]
    public async Task ReadAsync_AmazonFixtures_EqualsCreaterepoCReading()
    {
        foreach (var release in new[] { "al2", "al2023" })
        {
            var dump = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", CreaterepoDump, Fixture(release)], CancellationToken.None);
            using var expected = JsonDocument.Parse(dump.StandardOutput);
            await using var file = File.OpenRead(Fixture(release));

            var records = await ReadAsync(file);

            Assert.Equal(expected.RootElement.GetArrayLength(), records.Count);
            foreach (var (want, got) in expected.RootElement.EnumerateArray().Zip(records))
            {
                Assert.Equal(want.GetProperty("id").GetString(), got.Id);
                Assert.Equal(want.GetProperty("type").GetString(), got.Type);
                Assert.Equal(want.GetProperty("status").GetString(), got.Status);
                Assert.Equal(want.GetProperty("title").GetString(), got.Title);
                Assert.Equal(want.GetProperty("severity").GetString(), got.Severity);
                Assert.Equal(want.GetProperty("description").GetString(), got.Description);
                AssertSameDate(want.GetProperty("issued").GetString()!, got.Issued);
                AssertSameDate(want.GetProperty("updated").GetString()!, got.Updated);
                Assert.Equal(
                    want.GetProperty("references").EnumerateArray().Select(r => string.Join('|', r.EnumerateArray().Select(v => v.GetString() ?? string.Empty))),
                    got.References.Select(r => $"{r.Href}|{r.Id}|{r.Type}|{r.Title}"));
                Assert.Equal(
                    want.GetProperty("packages").EnumerateArray().Select(p => string.Join('|', p.EnumerateArray().Select(v => v.GetString()))),
                    got.Packages.Select(p => $"{p.Name}|{p.Epoch}|{p.Version}|{p.Release}|{p.Arch}"));
            }
        }
    }

    // createrepo_c reads a date written to the minute ("2023-10-11 21:05", as Amazon Linux 2 writes it) as
    // the day alone; to the second it reads it whole.
    private static void AssertSameDate(string createrepo, DateTimeOffset? parsed)
    {
        Assert.NotNull(parsed);
        var expected = DateTime.ParseExact(createrepo, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Equal(expected.TimeOfDay == TimeSpan.Zero ? expected.Date : expected, expected.TimeOfDay == TimeSpan.Zero ? parsed.Value.UtcDateTime.Date : parsed.Value.UtcDateTime);
    }

    [Fact]
    public async Task ReadAsync_MinuteDate_KeepsTheTime()
    {
        await using var file = File.OpenRead(Fixture("al2"));

        var records = await ReadAsync(file);

        Assert.Equal(new DateTimeOffset(2023, 10, 11, 21, 5, 0, TimeSpan.Zero), records.Single(r => r.Id == "ALAS2-2023-2281").Issued);
    }

    [Fact]
    public async Task ReadAsync_Gzip_EqualsPlain()
    {
        var plain = await File.ReadAllBytesAsync(Fixture("al2023"));
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(plain);
        }

        compressed.Position = 0;

        var fromGzip = await ReadAsync(compressed);
        var fromPlain = await ReadAsync(new MemoryStream(plain));

        Assert.Equal(fromPlain.Select(r => (r.Id, r.Packages.Count, r.References.Count)), fromGzip.Select(r => (r.Id, r.Packages.Count, r.References.Count)));
    }

    [Fact]
    public async Task ReadAsync_Truncated_FailsNamingTheLastRecord()
    {
        var text = await File.ReadAllTextAsync(Fixture("al2"));
        var cut = text[..text.IndexOf("<id>ALAS2-2023-2281</id>", StringComparison.Ordinal)];

        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ReadTextAsync(cut));

        Assert.Equal("after ALAS2-2023-2255", error.Record);
    }

    [Theory]
    [InlineData("<update type=\"security\"><title>no id</title></update>", "(update without id)")]
    [InlineData("<update type=\"security\"><id>X-1</id><pkglist><collection><package name=\"a\" release=\"1\"/></collection></pkglist></update>", "X-1")]
    [InlineData("<update type=\"security\"><id>X-2</id><issued date=\"yesterday\"/></update>", "X-2")]
    public async Task ReadAsync_BrokenUpdate_FailsNamingIt(string update, string record)
    {
        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ReadTextAsync($"<updates>{update}</updates>"));

        Assert.Equal(record, error.Record);
    }

    [Fact]
    public async Task ReadAsync_NotUpdateInfo_Fails()
    {
        await Assert.ThrowsAsync<MalformedRecordException>(() => ReadTextAsync("<repomd/>"));
    }

    [Fact]
    public async Task ReadAsync_EpochSecondsDate_IsRead()
    {
        // SUSE's updateinfo writes seconds since the epoch.
        var records = await ReadTextAsync("<updates><update><id>SUSE-1</id><issued date=\"1700000000\"/></update></updates>");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), records.Single().Issued);
    }
}
