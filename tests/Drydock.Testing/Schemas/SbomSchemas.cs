using System.Text.Json.Nodes;
using Json.Schema;

namespace Drydock.Testing.Schemas;

/// <summary>
/// Validates SBOMs against the published schemas in ../shared/testdata/schemas: CycloneDX 1.6 (with
/// the companion schemas it references by file name), SPDX 2.3 and SARIF 2.1.0. Formats are validated too.
/// </summary>
public static class SbomSchemas
{
    private const string CycloneDxBase = "http://cyclonedx.org/schema/";

    private static readonly Lazy<JsonSchema> CycloneDx = new(LoadCycloneDx);
    private static readonly Lazy<JsonSchema> Sarif = new(LoadSarif);
    private static readonly Lazy<JsonSchema> Spdx = new(() => JsonSchema.FromFile(TestPaths.Shared("schemas", "spdx-2.3.schema.json")));

    /// <summary>The errors of a CycloneDX 1.6 document; empty when it is valid.</summary>
    public static IReadOnlyList<string> ValidateCycloneDx(string json) => Validate(CycloneDx.Value, json);

    /// <summary>The errors of a SARIF 2.1.0 log; empty when it is valid.</summary>
    public static IReadOnlyList<string> ValidateSarif(string json) => Validate(Sarif.Value, json);

    /// <summary>The errors of an SPDX 2.3 document; empty when it is valid.</summary>
    public static IReadOnlyList<string> ValidateSpdx(string json) => Validate(Spdx.Value, json);

    private static IReadOnlyList<string> Validate(JsonSchema schema, string json)
    {
        var node = JsonNode.Parse(json);
        var result = schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")];
    }

    private static JsonSchema LoadSarif()
    {
        // The OASIS schema is draft-04, which the validator does not implement; it uses no keyword whose meaning changed
        // by draft-07 (no exclusiveMinimum/Maximum), so only the dialect and the top-level "id" are renamed.
        var schema = (JsonObject)JsonNode.Parse(File.ReadAllText(TestPaths.Shared("schemas", "sarif-2.1.0.schema.json")))!;
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        schema["$id"] = schema["id"]!.GetValue<string>();
        schema.Remove("id");
        return JsonSchema.FromText(schema.ToJsonString());
    }

    private static JsonSchema LoadCycloneDx()
    {
        // bom-1.6 refers to its companions as spdx.SNAPSHOT.schema.json and jsf-0.82.SNAPSHOT.schema.json,
        // relative to its own $id; the files carry other $ids, so register them under both names.
        foreach (var (file, aliases) in new (string, string[])[]
                 {
                     ("cyclonedx-spdx-licenses.schema.json", ["spdx.SNAPSHOT.schema.json", "spdx.schema.json"]),
                     ("cyclonedx-jsf-0.82.schema.json", ["jsf-0.82.SNAPSHOT.schema.json", "jsf-0.82.schema.json"]),
                     ("cyclonedx-cryptography-defs.schema.json", ["cryptography-defs.SNAPSHOT.schema.json", "cryptography-defs.schema.json"]),
                 })
        {
            var schema = JsonSchema.FromFile(TestPaths.Shared("schemas", file));
            foreach (var alias in aliases)
            {
                SchemaRegistry.Global.Register(new Uri(CycloneDxBase + alias), schema);
            }
        }

        return JsonSchema.FromFile(TestPaths.Shared("schemas", "cyclonedx-bom-1.6.schema.json"));
    }
}
