using System.IO.Compression;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats.Nvd;

/// <summary>The NVD CVE API 2.0, read page by page (2,000 CVEs per page) into one zip of pages.</summary>
internal sealed class NvdSource : IAdvisorySource
{
    // Feed format: NVD CVE API 2.0 JSON pages ({resultsPerPage, startIndex, totalResults,
    // vulnerabilities[].cve{id, descriptions, metrics, weaknesses, references}}).
    public const string Url = "https://services.nvd.nist.gov/rest/json/cves/2.0";

    private const int PageSize = 2000;

    public string Name => "nvd";

    public async Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The API answers no conditional requests for a whole result set; every update reads every page.
        var buffer = new MemoryStream();
        var fingerprint = string.Empty;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var total = int.MaxValue;
            for (var start = 0; start < total; start += PageSize)
            {
                var page = new Uri($"{Url}?resultsPerPage={PageSize}&startIndex={start}");
                var result = await context.GetAsync(page, null, cancellationToken);
                await using var content = result.Content!;
                var bytes = new MemoryStream();
                await content.CopyToAsync(bytes, cancellationToken);
                bytes.Position = 0;
                using (var json = await JsonDocument.ParseAsync(bytes, cancellationToken: cancellationToken))
                {
                    total = json.RootElement.GetProperty("totalResults").GetInt32();
                    fingerprint = json.RootElement.TryGetProperty("timestamp", out var ts) ? ts.GetString() ?? fingerprint : fingerprint;
                }

                bytes.Position = 0;
                var entry = zip.CreateEntry($"page-{start:D7}.json", CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(cancellationToken);
                await bytes.CopyToAsync(target, cancellationToken);
            }
        }

        buffer.Position = 0;
        return FetchResult.Changed(buffer, new Fingerprint(fingerprint));
    }

    public IAsyncEnumerable<Advisory> ParseAsync(Stream content, CancellationToken cancellationToken) =>
        NvdParser.ParseAsync(content, Name, cancellationToken);
}
