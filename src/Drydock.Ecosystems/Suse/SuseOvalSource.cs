using System.Runtime.CompilerServices;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Ecosystems.AdvisoryFormats.Oval;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.Suse;

/// <summary>
/// SUSE's OVAL vulnerability definitions: one "vulnerability" definition per CVE whose criteria say
/// "product P (its release package at version V) is installed AND one of these packages is earlier than
/// its fixed build", per product. Matched by release and service pack ("sles:15.5", "opensuse-leap:15.6")
/// with rpm ordering; the SUSE-SU update ids are kept as aliases.
/// </summary>
internal sealed class SuseOvalSource : IAdvisorySource
{
    // Feed format: OVAL 5 definitions, class "vulnerability", one per CVE, rpminfo tests on the product's
    // release package and the fixed packages, gzip-compressed; one file per product line.
    public const string BaseUrl = "https://ftp.suse.com/pub/projects/security/oval/";

    /// <summary>The product files fetched: SUSE Linux Enterprise Server 12 and 15 (every service pack in
    /// one file) and the supported openSUSE Leap releases.</summary>
    public static readonly IReadOnlyList<string> Files =
    [
        "suse.linux.enterprise.server.12.xml.gz",
        "suse.linux.enterprise.server.15.xml.gz",
        "opensuse.leap.15.5.xml.gz",
        "opensuse.leap.15.6.xml.gz",
    ];

    public string Name => "suse-oval";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken) =>
        FeedDocuments.FetchAllAsync(context, [.. Files.Select(f => new Uri(BaseUrl + f))], previous, cancellationToken);

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, document) in FeedDocuments.ReadAsync(content, cancellationToken))
        {
            await using var xml = FeedDocuments.Decompress(document);
            await foreach (var definition in OvalParser.ReadAsync(xml, Name, cancellationToken))
            {
                if (definition.Class is not (null or "vulnerability" or "patch"))
                {
                    continue;
                }

                var updates = definition.References.Where(r => r.Source == "SUSE-SU").Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
                foreach (var advisory in OvalAdvisories.From(definition, Name, DistributionOf, updates))
                {
                    yield return advisory;
                }
            }
        }
    }

    /// <summary>The distribution key an alternative's product test names: the release package of SUSE Linux
    /// Enterprise Server (and its modules and SAP edition, which run on it), Desktop or openSUSE Leap at
    /// version "15.5" → "sles:15.5", as os-release's VERSION_ID gives it.</summary>
    internal static string? DistributionOf(OvalFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        foreach (var (package, operation, value) in fix.Platform)
        {
            if (operation != "equals")
            {
                continue;
            }

            var id = package switch
            {
                "sles-release" or "SLES_SAP-release" => "sles",
                "sled-release" => "sled",
                "openSUSE-release" or "openSUSE-Leap-release" => "opensuse-leap",
                _ when package.StartsWith("sle-module-", StringComparison.Ordinal) && package.EndsWith("-release", StringComparison.Ordinal) => "sles",
                _ => null,
            };
            if (id is not null)
            {
                return $"{id}:{value}";
            }
        }

        return null;
    }
}
