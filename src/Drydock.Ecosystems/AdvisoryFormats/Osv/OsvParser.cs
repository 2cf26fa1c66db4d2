using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Ecosystems.AdvisoryFormats.Cvss;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Drydock.Ecosystems.AdvisoryFormats.Osv;

/// <summary>
/// OSV records (ossf/osv-schema 1.x) in JSON or YAML, one per document or every entry of an
/// ecosystem's <c>all.zip</c> export. GHSA records arrive in this format too. Ranges are split into
/// introduced/fixed pairs; <c>GIT</c> ranges (commit hashes) are left out because installed packages
/// carry versions, and the explicit <c>versions</c> list is kept. Withdrawn records are kept with their
/// withdrawal date (the matcher skips them). Entries for ecosystems Drydock does not index are left out.
/// </summary>
internal static class OsvParser
{
    public static async IAsyncEnumerable<Advisory> ParseAsync(Stream content, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, document) in FeedDocuments.ReadAsync(content, cancellationToken))
        {
            if (name.Length > 0 && !name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                && !name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return await ParseDocumentAsync(document, source, name.Length == 0 ? "(document)" : name, cancellationToken);
        }
    }

    public static async Task<Advisory> ParseDocumentAsync(Stream document, string source, string name, CancellationToken cancellationToken)
    {
        var seekable = await FeedDocuments.SeekableAsync(document, cancellationToken);
        JsonNode? node;
        try
        {
            node = LooksLikeJson(seekable)
                ? await JsonNode.ParseAsync(seekable, cancellationToken: cancellationToken)
                : YamlToJson(seekable);
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            throw new MalformedRecordException(source, name, e.Message, e);
        }

        if (node is not JsonObject record)
        {
            throw new MalformedRecordException(source, name, "the document is not an OSV object");
        }

        return Parse(record, source, name);
    }

    public static Advisory Parse(JsonObject record, string source, string name)
    {
        var id = Text(record, "id");
        if (string.IsNullOrEmpty(id))
        {
            throw new MalformedRecordException(source, name, "the record has no id");
        }

        var affected = new List<AffectedPackage>();
        var index = 0;
        foreach (var entry in Array(record, "affected").OfType<JsonObject>())
        {
            affected.AddRange(ParseAffected(entry, source, $"{id} affected[{index++}]"));
        }

        var severityText = Text(record["database_specific"] as JsonObject, "severity");
        var cvss = new List<CvssScore>();
        foreach (var severity in Array(record, "severity").OfType<JsonObject>())
        {
            if (ParseCvss(Text(severity, "type"), Text(severity, "score"), source) is { } score)
            {
                cvss.Add(score);
            }
        }

        // Severity lives per affected package in some databases (RustSec, Go): take the record's own first.
        var vendorSeverity = SeverityNames.Parse(severityText);
        return new Advisory
        {
            Id = id,
            Source = source,
            Aliases = [.. Array(record, "aliases").Select(a => a?.GetValue<string>()).OfType<string>()],
            Summary = Text(record, "summary"),
            Description = Text(record, "details"),
            Severity = vendorSeverity,
            Cvss = cvss,
            References = [.. Array(record, "references").OfType<JsonObject>().Select(r => Text(r, "url")).OfType<string>()],
            Published = Date(Text(record, "published")),
            Modified = Date(Text(record, "modified")),
            Withdrawn = Date(Text(record, "withdrawn")),
            Cwes = [.. Array(record["database_specific"] as JsonObject, "cwe_ids").Select(c => c?.GetValue<string>()).OfType<string>()],
            Affected = affected,
        };
    }

    private static IEnumerable<AffectedPackage> ParseAffected(JsonObject entry, string source, string where)
    {
        if (entry["package"] is not JsonObject package || Text(package, "ecosystem") is not { Length: > 0 } osvEcosystem || Text(package, "name") is not { Length: > 0 } name)
        {
            // OSV allows an affected entry without a package only for GIT-only records; such an entry
            // names nothing an image can contain.
            if (Array(entry, "ranges").OfType<JsonObject>().All(r => Text(r, "type") == "GIT"))
            {
                yield break;
            }

            throw new MalformedRecordException(source, where, "the affected entry has no package ecosystem and name");
        }

        if (!OsvEcosystemNames.TryMap(osvEcosystem, out var ecosystem, out var distribution))
        {
            yield break;
        }

        var ranges = new List<AffectedRange>();
        foreach (var range in Array(entry, "ranges").OfType<JsonObject>())
        {
            var type = Text(range, "type") ?? "ECOSYSTEM";
            if (type == "GIT")
            {
                continue;
            }

            ranges.AddRange(SplitEvents(range, type, source, where));
        }

        var versions = Array(entry, "versions").Select(v => v?.GetValue<string>()).OfType<string>().ToList();
        if (ranges.Count == 0 && versions.Count == 0)
        {
            // Only GIT ranges: nothing to compare a version with.
            yield break;
        }

        var packageSeverity = SeverityNames.Parse(Text(entry["database_specific"] as JsonObject, "severity")
            ?? Text(entry["ecosystem_specific"] as JsonObject, "severity"));
        yield return new AffectedPackage
        {
            Ecosystem = ecosystem,
            Distribution = distribution,
            Name = PackageNames.Normalize(ecosystem, name),
            Ranges = ranges,
            Versions = versions,
            Severity = packageSeverity == Severity.Unknown ? null : packageSeverity,
        };
    }

    private static IEnumerable<AffectedRange> SplitEvents(JsonObject range, string type, string source, string where)
    {
        var events = Array(range, "events").OfType<JsonObject>().ToList();
        if (events.Count == 0 || !events.Any(e => e.ContainsKey("introduced")))
        {
            throw new MalformedRecordException(source, where, "a range has no introduced event");
        }

        var limit = events.Select(e => Text(e, "limit")).FirstOrDefault(l => l is not null);
        string? introduced = null;
        var open = false;
        foreach (var e in events)
        {
            if (Text(e, "introduced") is { } i)
            {
                if (open)
                {
                    yield return new AffectedRange { Introduced = introduced, Type = type, Limit = limit };
                }

                introduced = i;
                open = true;
            }
            else if (Text(e, "fixed") is { } f)
            {
                yield return new AffectedRange { Introduced = introduced, Fixed = f, Type = type, Limit = limit };
                open = false;
            }
            else if (Text(e, "last_affected") is { } l)
            {
                yield return new AffectedRange { Introduced = introduced, LastAffected = l, Type = type, Limit = limit };
                open = false;
            }
        }

        if (open)
        {
            yield return new AffectedRange { Introduced = introduced, Type = type, Limit = limit };
        }
    }

    private static CvssScore? ParseCvss(string? type, string? vector, string source)
    {
        if (string.IsNullOrEmpty(vector))
        {
            return null;
        }

        var version = type switch
        {
            "CVSS_V2" => "2.0",
            "CVSS_V3" => vector.StartsWith("CVSS:3.0", StringComparison.Ordinal) ? "3.0" : "3.1",
            "CVSS_V4" => "4.0",
            _ => null,
        };
        if (version is null)
        {
            return null;
        }

        // OSV carries vectors only; the score is computed (v4.0: of the vector as given, threat metrics
        // included). A vector that cannot be scored keeps NaN, which the store writes as no score.
        return new CvssScore(version, vector, CvssCalculator.TryScore(vector, out var score) ? score : double.NaN, source);
    }

    private static bool LooksLikeJson(Stream seekable)
    {
        int b;
        while ((b = seekable.ReadByte()) is ' ' or '\n' or '\r' or '\t' or 0xEF or 0xBB or 0xBF)
        {
        }

        seekable.Position = 0;
        return b == '{';
    }

    private static JsonNode? YamlToJson(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return yaml.Documents.Count == 0 ? null : Convert(yaml.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "null" or "~" or "" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static string? Text(JsonObject? node, string key) =>
        node?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonArray Array(JsonObject? node, string key) =>
        node?[key] as JsonArray ?? [];

    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date.Year > 1 ? date : null;
}
