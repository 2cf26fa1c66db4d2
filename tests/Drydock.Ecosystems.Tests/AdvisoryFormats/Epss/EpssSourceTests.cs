using System.IO.Compression;
using Drydock.Ecosystems.AdvisoryFormats.Epss;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Epss;

public sealed class EpssSourceTests
{
    private static string Sample => TestPaths.Shared("feeds", "kev-epss", "claircore", "epss-data.csv");

    [Fact]
    public async Task ParseAsync_Csv_GivesOneScorePerRow()
    {
        var advisories = await ParseFileAsync(new EpssSource(), Sample);

        var rows = File.ReadLines(Sample).Count(l => l.StartsWith("CVE-", StringComparison.Ordinal));
        Assert.Equal(rows, advisories.Count);
        var first = advisories[0];
        Assert.Equal("CVE-1999-0005", first.Id);
        Assert.Equal(new ExploitPrediction(0.91963, 0.99030, new DateOnly(2024, 10, 25)), first.Epss);
    }

    [Fact]
    public async Task ParseAsync_Gzip_IsDecompressed()
    {
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            await using var file = File.OpenRead(Sample);
            await file.CopyToAsync(zip);
        }

        gz.Position = 0;
        var advisories = await ToListAsync(new EpssSource().ParseAsync(gz, CancellationToken.None));

        Assert.Equal("CVE-1999-0005", advisories[0].Id);
    }

    [Fact]
    public async Task ParseAsync_BrokenRow_FailsNamingTheLine()
    {
        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ParseTextAsync(new EpssSource(), "cve,epss,percentile\nCVE-1,abc,0.1\n"));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
