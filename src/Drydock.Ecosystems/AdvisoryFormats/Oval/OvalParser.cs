using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats.Oval;

/// <summary>
/// OVAL 5 definitions of rpm distributions (Oracle Linux ELSA, SUSE): <c>definitions</c> whose
/// <c>criteria</c> trees refer to <c>rpminfo_test</c>s, each naming an <c>rpminfo_object</c> (the package)
/// and <c>rpminfo_state</c>s (<c>evr</c> "less than" the fixed build, or the release package's
/// <c>version</c>). The criteria are expanded into alternatives (AND of criteria, OR between them); an
/// alternative with one "package earlier than" test and its platform tests becomes an <see cref="OvalFix"/>.
/// Signature-key tests and negated criteria decide nothing here and are left out. The document is read as a
/// stream, one element at a time: definitions first, resolved once tests, objects and states are read.
/// </summary>
internal static partial class OvalParser
{
    // An OVAL criteria tree of one advisory expands to one alternative per package and platform; more than
    // this means a tree no vendor writes, and it is cut rather than allowed to explode.
    private const int MaxAlternatives = 100_000;

    private sealed record Criterion(string? TestRef, string Operator, bool Negate, IReadOnlyList<Criterion> Children);

    private sealed record Test(string ObjectRef, IReadOnlyList<string> StateRefs);

    private sealed record State(string? EvrOperation, string? Evr, string? VersionOperation, string? Version, bool HasSignature);

    private sealed record PendingDefinition(XElement Metadata, string Id, string? Class, Criterion? Criteria);

    /// <summary>Every definition of one OVAL document.</summary>
    public static async IAsyncEnumerable<OvalDefinition> ReadAsync(Stream xml, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var definitions = new List<PendingDefinition>();
        var tests = new Dictionary<string, Test>(StringComparer.Ordinal);
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        var states = new Dictionary<string, State>(StringComparer.Ordinal);
        using (var reader = XmlReader.Create(xml, new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true, XmlResolver = null }))
        {
            try
            {
                if (await reader.MoveToContentAsync() != XmlNodeType.Element || reader.LocalName != "oval_definitions")
                {
                    throw new MalformedRecordException(source, "(document)", "the document is not OVAL definitions (no <oval_definitions> element)");
                }

                await reader.ReadAsync();
                while (!reader.EOF)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (reader.NodeType != XmlNodeType.Element || reader.Depth != 2)
                    {
                        await reader.ReadAsync();
                        continue;
                    }

                    var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                    var id = (string?)element.Attribute("id");
                    switch (element.Name.LocalName)
                    {
                        case "definition" when id is not null:
                            definitions.Add(new PendingDefinition(
                                element.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata") ?? new XElement("metadata"),
                                id,
                                (string?)element.Attribute("class"),
                                element.Elements().FirstOrDefault(e => e.Name.LocalName == "criteria") is { } criteria ? ReadCriteria(criteria) : null));
                            break;
                        case "rpminfo_test" when id is not null:
                            tests[id] = new Test(
                                (string?)Child(element, "object")?.Attribute("object_ref") ?? string.Empty,
                                [.. element.Elements().Where(e => e.Name.LocalName == "state").Select(e => (string?)e.Attribute("state_ref")).OfType<string>()]);
                            break;
                        case "rpminfo_object" when id is not null:
                            objects[id] = Child(element, "name")?.Value.Trim() ?? string.Empty;
                            break;
                        case "rpminfo_state" when id is not null:
                            var evr = Child(element, "evr");
                            var version = Child(element, "version");
                            states[id] = new State(
                                (string?)evr?.Attribute("operation"), evr?.Value.Trim(),
                                (string?)version?.Attribute("operation"), version?.Value.Trim(),
                                Child(element, "signature_keyid") is not null);
                            break;
                    }
                }
            }
            catch (XmlException e)
            {
                throw new MalformedRecordException(source, $"after {(definitions.Count == 0 ? "(start of document)" : definitions[^1].Id)}", e.Message, e);
            }
        }

        foreach (var pending in definitions)
        {
            yield return Resolve(pending, tests, objects, states, source);
        }
    }

    private static XElement? Child(XElement element, string localName) => element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static Criterion ReadCriteria(XElement element) => element.Name.LocalName switch
    {
        "criterion" => new Criterion((string?)element.Attribute("test_ref"), "AND", (bool?)element.Attribute("negate") ?? false, []),
        "extend_definition" => new Criterion(null, "AND", (bool?)element.Attribute("negate") ?? false, []),
        _ => new Criterion(
            null,
            ((string?)element.Attribute("operator") ?? "AND").ToUpperInvariant(),
            (bool?)element.Attribute("negate") ?? false,
            [.. element.Elements().Where(e => e.Name.LocalName is "criteria" or "criterion" or "extend_definition").Select(ReadCriteria)]),
    };

    // The criteria as alternatives: each a list of test references that must all hold. Negated parts and
    // extended definitions add nothing (they only narrow an alternative further).
    private static List<List<string>> Alternatives(Criterion criterion, string source, string id)
    {
        if (criterion.Negate)
        {
            return [[]];
        }

        if (criterion.TestRef is not null)
        {
            return [[criterion.TestRef]];
        }

        if (criterion.Children.Count == 0)
        {
            return [[]];
        }

        if (criterion.Operator == "OR")
        {
            return [.. criterion.Children.SelectMany(c => Alternatives(c, source, id))];
        }

        var result = new List<List<string>> { new() };
        foreach (var child in criterion.Children)
        {
            var expanded = Alternatives(child, source, id);
            if ((long)result.Count * expanded.Count > MaxAlternatives)
            {
                throw new MalformedRecordException(source, id, $"the criteria expand to more than {MaxAlternatives} alternatives");
            }

            result = [.. result.SelectMany(left => expanded.Select(right => (List<string>)[.. left, .. right]))];
        }

        return result;
    }

    private static OvalDefinition Resolve(PendingDefinition pending, Dictionary<string, Test> tests, Dictionary<string, string> objects, Dictionary<string, State> states, string source)
    {
        var fixes = new List<OvalFix>();
        if (pending.Criteria is not null)
        {
            foreach (var alternative in Alternatives(pending.Criteria, source, pending.Id))
            {
                var platform = new List<(string, string, string)>();
                var packages = new List<(string Name, string Evr)>();
                foreach (var testRef in alternative)
                {
                    if (!tests.TryGetValue(testRef, out var test))
                    {
                        // textfilecontent, uname and other probes: not about rpm packages.
                        continue;
                    }

                    if (!objects.TryGetValue(test.ObjectRef, out var name))
                    {
                        throw new MalformedRecordException(source, pending.Id, $"the test {testRef} names an object that is not in the document");
                    }

                    foreach (var stateRef in test.StateRefs)
                    {
                        if (!states.TryGetValue(stateRef, out var state))
                        {
                            throw new MalformedRecordException(source, pending.Id, $"the test {testRef} names a state that is not in the document");
                        }

                        if (state.EvrOperation == "less than" && state.Evr is { Length: > 0 } evr)
                        {
                            packages.Add((name, evr));
                        }
                        else if (state.Version is { Length: > 0 } version)
                        {
                            platform.Add((name, state.VersionOperation ?? "equals", version));
                        }
                        else if (state.EvrOperation is not null && state.Evr is { Length: > 0 } platformEvr)
                        {
                            platform.Add((name, state.EvrOperation, platformEvr));
                        }
                    }
                }

                fixes.AddRange(packages.Select(p => new OvalFix(platform, p.Name, p.Evr)));
            }
        }

        var metadata = pending.Metadata;
        var advisory = Child(metadata, "advisory");
        var references = metadata.Elements().Where(e => e.Name.LocalName == "reference")
            .Select(r => ((string?)r.Attribute("source") ?? string.Empty, (string?)r.Attribute("ref_id") ?? string.Empty, (string?)r.Attribute("ref_url")))
            .ToList();
        // Oracle writes "CVE-2023-38545", SUSE "CVE-2023-38545 at SUSE" and "Mitre CVE-2023-38545".
        var cves = (advisory?.Elements().Where(e => e.Name.LocalName == "cve").Select(e => e.Value) ?? [])
            .Concat(references.Where(r => r.Item1.Equals("CVE", StringComparison.OrdinalIgnoreCase)).Select(r => r.Item2))
            .Select(text => CveId().Match(text))
            .Where(m => m.Success)
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var issued = advisory is null ? null : (string?)Child(advisory, "issued")?.Attribute("date");
        return new OvalDefinition(
            pending.Id,
            pending.Class,
            Child(metadata, "title")?.Value.Trim(),
            Child(metadata, "description")?.Value.Trim(),
            advisory is null ? null : Child(advisory, "severity")?.Value.Trim(),
            issued is not null && DateTimeOffset.TryParse(issued, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null,
            references,
            cves,
            fixes);
    }

    [GeneratedRegex(@"CVE-\d{4}-\d{4,}")]
    private static partial Regex CveId();
}
