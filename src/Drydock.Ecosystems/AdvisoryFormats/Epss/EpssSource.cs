using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats.Epss;

/// <summary>EPSS scores: one enrichment record per CVE with its exploitation probability and percentile.</summary>
internal sealed class EpssSource : IAdvisorySource
{
    // Feed format: gzip'd CSV, a "#model_version:…,score_date:…" comment line, then "cve,epss,percentile".
    public const string Url = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";

    public string Name => "epss";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(new Uri(Url), previous, cancellationToken);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seekable = await FeedDocuments.SeekableAsync(content, cancellationToken);
        using var reader = new StreamReader(FeedDocuments.IsGzip(seekable) ? new GZipStream(seekable, CompressionMode.Decompress) : seekable);
        DateOnly? date = null;
        var lineNumber = 0;
        var header = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.StartsWith('#'))
            {
                var at = line.IndexOf("score_date:", StringComparison.Ordinal);
                if (at >= 0 && line.Length >= at + 21
                    && DateOnly.TryParseExact(line.AsSpan(at + 11, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    date = d;
                }

                continue;
            }

            if (!header)
            {
                header = true;
                if (line.StartsWith("cve,", StringComparison.Ordinal))
                {
                    continue;
                }
            }

            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length < 3
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var percentile))
            {
                throw new MalformedRecordException(Name, $"line {lineNumber}", $"expected cve,epss,percentile but read '{line}'");
            }

            yield return new Advisory { Id = fields[0], Source = Name, Epss = new ExploitPrediction(score, percentile, date) };
        }
    }
}
