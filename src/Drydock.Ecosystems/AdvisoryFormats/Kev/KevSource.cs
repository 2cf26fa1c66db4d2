using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats.Kev;

/// <summary>The CISA Known Exploited Vulnerabilities catalog: one enrichment record per CVE.</summary>
internal sealed class KevSource : IAdvisorySource
{
    // Feed format: CISA KEV JSON ({catalogVersion, vulnerabilities[{cveID, dateAdded, dueDate,
    // requiredAction, knownRansomwareCampaignUse, …}]}).
    public const string Url = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";

    public string Name => "cisa-kev";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(new Uri(Url), previous, cancellationToken);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (var json = await FeedDocuments.ParseJsonAsync(content, Name, cancellationToken))
        {
            if (!json.RootElement.TryGetProperty("vulnerabilities", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new MalformedRecordException(Name, "(document)", "the catalog has no vulnerabilities array");
            }

            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (!item.TryGetProperty("cveID", out var id) || id.GetString() is not { Length: > 0 } cve)
                {
                    throw new MalformedRecordException(Name, $"vulnerabilities[{index}]", "the entry has no cveID");
                }

                index++;
                yield return new Advisory
                {
                    Id = cve,
                    Source = Name,
                    Summary = Text(item, "vulnerabilityName"),
                    KnownExploited = new KnownExploitation(
                        Day(Text(item, "dateAdded")),
                        Day(Text(item, "dueDate")),
                        Text(item, "requiredAction"),
                        Text(item, "knownRansomwareCampaignUse")),
                };
            }
        }
    }

    private static string? Text(JsonElement item, string key) => item.TryGetProperty(key, out var value) ? value.GetString() : null;

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
