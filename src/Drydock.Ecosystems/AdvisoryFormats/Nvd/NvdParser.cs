using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.AdvisoryFormats.Nvd;

/// <summary>
/// NVD CVE API 2.0: a response page (<c>vulnerabilities[].cve</c>), one <c>{"cve": …}</c> item, or a bare
/// <c>cve</c> object, or a zip of pages. NVD is an enrichment source: descriptions, CWE ids, references
/// and CVSS v2/v3.0/v3.1/v4.0 vectors with their scores; it names no packages Drydock matches on.
/// </summary>
internal static class NvdParser
{
    private static readonly (string Key, string Version)[] MetricKeys =
    [
        ("cvssMetricV40", "4.0"), ("cvssMetricV31", "3.1"), ("cvssMetricV30", "3.0"), ("cvssMetricV2", "2.0"),
    ];

    public static async IAsyncEnumerable<Advisory> ParseAsync(Stream content, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, document) in FeedDocuments.ReadAsync(content, cancellationToken))
        {
            JsonDocument json;
            try
            {
                json = await JsonDocument.ParseAsync(document, cancellationToken: cancellationToken);
            }
            catch (JsonException e)
            {
                throw new MalformedRecordException(source, name.Length == 0 ? "(document)" : name, e.Message, e);
            }

            using (json)
            {
                var root = json.RootElement;
                if (root.TryGetProperty("vulnerabilities", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var item in items.EnumerateArray())
                    {
                        if (!item.TryGetProperty("cve", out var cve))
                        {
                            throw new MalformedRecordException(source, $"{name} vulnerabilities[{index}]", "the item has no cve object");
                        }

                        index++;
                        yield return ParseCve(cve, source);
                    }
                }
                else
                {
                    yield return ParseCve(root.TryGetProperty("cve", out var cve) ? cve : root, source);
                }
            }
        }
    }

    private static Advisory ParseCve(JsonElement cve, string source)
    {
        if (!cve.TryGetProperty("id", out var idElement) || idElement.GetString() is not { Length: > 0 } id)
        {
            throw new MalformedRecordException(source, "(unnamed)", "the cve object has no id");
        }

        var cvss = new List<CvssScore>();
        var severity = Severity.Unknown;
        if (cve.TryGetProperty("metrics", out var metrics))
        {
            foreach (var (key, version) in MetricKeys)
            {
                if (!metrics.TryGetProperty(key, out var list))
                {
                    continue;
                }

                foreach (var metric in list.EnumerateArray())
                {
                    if (!metric.TryGetProperty("cvssData", out var data)
                        || !data.TryGetProperty("vectorString", out var vector)
                        || !data.TryGetProperty("baseScore", out var score)
                        || score.ValueKind != JsonValueKind.Number)
                    {
                        throw new MalformedRecordException(source, id, $"a {key} metric has no vectorString or baseScore");
                    }

                    var by = metric.TryGetProperty("source", out var s) ? s.GetString() : null;
                    var primary = metric.TryGetProperty("type", out var t) && t.GetString() == "Primary";
                    cvss.Add(new CvssScore(version, vector.GetString()!, score.GetDouble(), primary ? "nvd" : by ?? "nvd"));
                    if (primary && severity == Severity.Unknown && version != "2.0")
                    {
                        severity = SeverityNames.FromCvssScore(score.GetDouble());
                    }
                }
            }
        }

        // NVD's own (Primary) scores first: they are what "severity from NVD CVSS" means.
        cvss.Sort((a, b) => (a.Source == "nvd" ? 0 : 1).CompareTo(b.Source == "nvd" ? 0 : 1));
        return new Advisory
        {
            Id = id,
            Source = source,
            Description = English(cve, "descriptions"),
            Severity = severity,
            Cvss = cvss,
            References = [$"https://nvd.nist.gov/vuln/detail/{id}", .. Urls(cve)],
            Cwes = [.. Cwes(cve).Distinct(StringComparer.Ordinal)],
            Published = Date(cve, "published"),
            Modified = Date(cve, "lastModified"),
            Withdrawn = cve.TryGetProperty("vulnStatus", out var status) && status.GetString() == "Rejected" ? Date(cve, "lastModified") : null,
        };
    }

    private static string? English(JsonElement cve, string key)
    {
        if (!cve.TryGetProperty(key, out var list))
        {
            return null;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.TryGetProperty("lang", out var lang) && lang.GetString() == "en")
            {
                return item.GetProperty("value").GetString();
            }
        }

        return null;
    }

    private static IEnumerable<string> Urls(JsonElement cve)
    {
        if (!cve.TryGetProperty("references", out var list))
        {
            yield break;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.TryGetProperty("url", out var url) && url.GetString() is { } text)
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Cwes(JsonElement cve)
    {
        if (!cve.TryGetProperty("weaknesses", out var list))
        {
            yield break;
        }

        foreach (var weakness in list.EnumerateArray())
        {
            foreach (var d in weakness.GetProperty("description").EnumerateArray())
            {
                // "NVD-CWE-noinfo" and "NVD-CWE-Other" say there is no CWE.
                if (d.GetProperty("value").GetString() is { } value && value.StartsWith("CWE-", StringComparison.Ordinal))
                {
                    yield return value;
                }
            }
        }
    }

    private static DateTimeOffset? Date(JsonElement cve, string key) =>
        cve.TryGetProperty(key, out var value)
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
