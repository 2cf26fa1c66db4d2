using System.Text.Json;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.AdvisoryFormats.Csaf;

/// <summary>
/// Red Hat CSAF VEX documents (one per CVE). The product tree gives each product id a CPE (platforms)
/// or a purl (rpm and rpmmod components); relationships join <c>platform:component</c> (and
/// <c>platform:module:component</c> for module streams). Statements are made for platforms whose CPE
/// is Red Hat Enterprise Linux N (<c>rhel:N</c>): <c>fixed</c> → affected below the fixed EVR,
/// <c>known_affected</c> → affected without a fix, or will not fix when the remediation is
/// <c>no_fix_planned</c>, <c>known_not_affected</c> → not affected, <c>under_investigation</c> →
/// undetermined. Deleted documents (<c>tracking.status: deleted</c>) give nothing.
/// </summary>
internal static partial class CsafVexParser
{
    public static Advisory? Parse(JsonDocument json, string source, string name)
    {
        var root = json.RootElement;
        if (!root.TryGetProperty("document", out var document) || !document.TryGetProperty("tracking", out var tracking))
        {
            throw new MalformedRecordException(source, name, "the document has no document.tracking");
        }

        if (tracking.TryGetProperty("status", out var trackingStatus) && trackingStatus.GetString() == "deleted")
        {
            return null;
        }

        var id = tracking.GetProperty("id").GetString()!;
        var products = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("product_tree", out var tree))
        {
            if (tree.TryGetProperty("branches", out var branches))
            {
                Walk(branches, products);
            }

            if (tree.TryGetProperty("relationships", out var relationships))
            {
                foreach (var relationship in relationships.EnumerateArray())
                {
                    // Kept for resolving composite ids: "{platform}:{component}".
                    var full = relationship.GetProperty("full_product_name").GetProperty("product_id").GetString()!;
                    products.TryAdd("rel:" + full, relationship);
                }
            }
        }

        if (!root.TryGetProperty("vulnerabilities", out var vulnerabilities) || vulnerabilities.GetArrayLength() == 0)
        {
            throw new MalformedRecordException(source, id, "the document has no vulnerabilities");
        }

        var vulnerability = vulnerabilities[0];
        var noFix = new Dictionary<string, (string Category, string? Details)>(StringComparer.Ordinal);
        if (vulnerability.TryGetProperty("remediations", out var remediations))
        {
            foreach (var remediation in remediations.EnumerateArray())
            {
                var category = remediation.GetProperty("category").GetString()!;
                var details = remediation.TryGetProperty("details", out var d) ? d.GetString() : null;
                foreach (var productId in Ids(remediation, "product_ids"))
                {
                    if (category is "no_fix_planned" or "none_available")
                    {
                        noFix[productId] = (category, details);
                    }
                }
            }
        }

        var impact = new Dictionary<string, Severity>(StringComparer.Ordinal);
        if (vulnerability.TryGetProperty("threats", out var threats))
        {
            foreach (var threat in threats.EnumerateArray().Where(t => t.GetProperty("category").GetString() == "impact"))
            {
                var severity = SeverityNames.Parse(threat.GetProperty("details").GetString());
                foreach (var productId in Ids(threat, "product_ids"))
                {
                    impact[productId] = severity;
                }
            }
        }

        var affected = new Dictionary<(string Distribution, string Name, string? Module, AffectedStatus Status, string? Fixed), AffectedPackage>();
        void Add(string productId, AffectedStatus status)
        {
            if (Resolve(productId, products) is not { } resolved)
            {
                return;
            }

            var (distribution, component, module, evr) = resolved;
            var (finalStatus, note) = status switch
            {
                AffectedStatus.Affected when noFix.TryGetValue(productId, out var nf) && nf.Category == "no_fix_planned" => (AffectedStatus.WillNotFix, nf.Details),
                AffectedStatus.Affected when noFix.TryGetValue(productId, out var nf) => (AffectedStatus.Affected, nf.Details),
                _ => (status, null),
            };
            var fixedVersion = status == AffectedStatus.Affected && evr is not null && finalStatus == AffectedStatus.Affected && !noFix.ContainsKey(productId) ? evr : null;
            if (status == AffectedStatus.Affected && evr is not null && fixedVersion is null)
            {
                // A versioned product under known_affected names the affected build, not a fix.
                fixedVersion = null;
            }

            var key = (distribution, component, module, finalStatus, fixedVersion);
            if (affected.ContainsKey(key))
            {
                return;
            }

            affected[key] = new AffectedPackage
            {
                Ecosystem = PackageEcosystems.Rpm,
                Distribution = distribution,
                Name = component,
                Module = module,
                Status = finalStatus,
                Ranges = fixedVersion is null ? [] : [new AffectedRange { Fixed = fixedVersion }],
                Severity = impact.TryGetValue(productId, out var s) && s != Severity.Unknown ? s : null,
                Note = note,
            };
        }

        var statuses = vulnerability.GetProperty("product_status");
        foreach (var productId in Ids(statuses, "fixed"))
        {
            if (Resolve(productId, products) is { Evr: not null })
            {
                Add(productId, AffectedStatus.Affected);
            }
        }

        foreach (var productId in Ids(statuses, "known_affected"))
        {
            Add(productId, AffectedStatus.Affected);
        }

        foreach (var productId in Ids(statuses, "known_not_affected"))
        {
            Add(productId, AffectedStatus.NotAffected);
        }

        foreach (var productId in Ids(statuses, "under_investigation"))
        {
            Add(productId, AffectedStatus.Undetermined);
        }

        var cvss = new List<CvssScore>();
        if (vulnerability.TryGetProperty("scores", out var scores))
        {
            foreach (var score in scores.EnumerateArray())
            {
                foreach (var (key, version) in new[] { ("cvss_v3", "3.1"), ("cvss_v2", "2.0") })
                {
                    if (score.TryGetProperty(key, out var data) && data.TryGetProperty("vectorString", out var vector) && data.TryGetProperty("baseScore", out var baseScore))
                    {
                        var v = data.TryGetProperty("version", out var ver) ? ver.GetString() ?? version : version;
                        if (cvss.All(c => c.Vector != vector.GetString()))
                        {
                            cvss.Add(new CvssScore(v, vector.GetString()!, baseScore.GetDouble(), "redhat"));
                        }
                    }
                }
            }
        }

        var aggregate = document.TryGetProperty("aggregate_severity", out var agg) ? SeverityNames.Parse(agg.GetProperty("text").GetString()) : Severity.Unknown;
        return new Advisory
        {
            Id = id,
            Source = source,
            Summary = document.TryGetProperty("title", out var title) ? title.GetString() : null,
            Description = vulnerability.TryGetProperty("notes", out var notes)
                ? notes.EnumerateArray().Where(n => n.GetProperty("category").GetString() == "description").Select(n => n.GetProperty("text").GetString()).FirstOrDefault()
                : null,
            Severity = aggregate,
            Cvss = cvss,
            References = [$"https://access.redhat.com/security/cve/{id}"],
            Cwes = vulnerability.TryGetProperty("cwe", out var cwe) && cwe.TryGetProperty("id", out var cweId) ? [cweId.GetString()!] : [],
            Affected = [.. affected.Values],
        };
    }

    // product id → (rhel:N, rpm name, module "name:stream", "epoch:version-release") through the relationships.
    private static (string Distribution, string Name, string? Module, string? Evr)? Resolve(string productId, Dictionary<string, JsonElement> products)
    {
        if (!products.TryGetValue("rel:" + productId, out var relationship))
        {
            return null;
        }

        var platformId = relationship.GetProperty("relates_to_product_reference").GetString()!;
        var componentId = relationship.GetProperty("product_reference").GetString()!;
        string? module = null;

        // platform:module:component — the platform reference is itself a relationship of a module to a platform.
        if (products.TryGetValue("rel:" + platformId, out var inner))
        {
            module = ModuleOf(products, inner.GetProperty("product_reference").GetString()!);
            platformId = inner.GetProperty("relates_to_product_reference").GetString()!;
        }
        else if (products.TryGetValue("rel:" + componentId, out var nested))
        {
            module = ModuleOf(products, nested.GetProperty("relates_to_product_reference").GetString()!);
            componentId = nested.GetProperty("product_reference").GetString()!;
        }

        if (!products.TryGetValue(platformId, out var platform) || Helper(platform, "cpe") is not { } cpe || RhelCpe().Match(cpe) is not { Success: true } rhel)
        {
            return null;
        }

        if (!products.TryGetValue(componentId, out var component) || Helper(component, "purl") is not { } purl || !purl.StartsWith("pkg:rpm/", StringComparison.Ordinal))
        {
            return null;
        }

        var (name, evr) = ParseRpmPurl(purl);
        return ($"rhel:{rhel.Groups[1].Value}", name, module, evr);
    }

    private static string? ModuleOf(Dictionary<string, JsonElement> products, string id) =>
        products.TryGetValue(id, out var product) && Helper(product, "purl") is { } purl && purl.StartsWith("pkg:rpmmod/", StringComparison.Ordinal)
            ? RpmmodStream(purl)
            : null;

    // pkg:rpmmod/redhat/nodejs@18:8080020231010:63b34585 → "nodejs:18".
    private static string? RpmmodStream(string purl)
    {
        var path = purl["pkg:rpmmod/".Length..].Split('?')[0];
        var slash = path.LastIndexOf('/');
        var nameVersion = slash < 0 ? path : path[(slash + 1)..];
        var at = nameVersion.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var stream = nameVersion[(at + 1)..].Split(':')[0];
        return $"{Uri.UnescapeDataString(nameVersion[..at])}:{stream}";
    }

    // pkg:rpm/redhat/curl@7.76.1-26.el9_3.2?arch=src&epoch=1 → ("curl", "1:7.76.1-26.el9_3.2"); no version → null EVR.
    private static (string Name, string? Evr) ParseRpmPurl(string purl)
    {
        var query = purl.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? purl["pkg:rpm/".Length..] : purl["pkg:rpm/".Length..query];
        var epoch = query < 0 ? null : purl[(query + 1)..].Split('&').Select(q => q.Split('=')).Where(q => q.Length == 2 && q[0] == "epoch").Select(q => q[1]).FirstOrDefault();
        var slash = path.LastIndexOf('/');
        var nameVersion = slash < 0 ? path : path[(slash + 1)..];
        var at = nameVersion.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return (Uri.UnescapeDataString(nameVersion), null);
        }

        var version = Uri.UnescapeDataString(nameVersion[(at + 1)..]);
        return (Uri.UnescapeDataString(nameVersion[..at]), epoch is null or "0" ? version : $"{epoch}:{version}");
    }

    private static string? Helper(JsonElement product, string key) =>
        product.TryGetProperty("product_identification_helper", out var helper) && helper.TryGetProperty(key, out var value) ? value.GetString() : null;

    private static void Walk(JsonElement branches, Dictionary<string, JsonElement> products)
    {
        foreach (var branch in branches.EnumerateArray())
        {
            if (branch.TryGetProperty("product", out var product) && product.TryGetProperty("product_id", out var id))
            {
                products.TryAdd(id.GetString()!, product);
            }

            if (branch.TryGetProperty("branches", out var children))
            {
                Walk(children, products);
            }
        }
    }

    private static IEnumerable<string> Ids(JsonElement element, string key) =>
        element.TryGetProperty(key, out var list) ? list.EnumerateArray().Select(e => e.GetString()!) : [];

    // The main RHEL streams only: cpe:/o:redhat:enterprise_linux:9, cpe:/a:redhat:enterprise_linux:9::appstream.
    // EUS/AUS/E4S streams (rhel_eus …) are minor-release products an image does not report.
    [GeneratedRegex(@"^cpe:/[ao]:redhat:enterprise_linux:(\d+)(?:$|:)")]
    private static partial Regex RhelCpe();
}
