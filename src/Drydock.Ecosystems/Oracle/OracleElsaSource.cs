using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Ecosystems.AdvisoryFormats.Oval;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.Oracle;

/// <summary>
/// Oracle Linux errata (ELSA) from Oracle's OVAL definitions: one "patch" definition per ELSA, whose
/// criteria say "Oracle Linux N is installed AND (package P is earlier than EVR AND signed with Oracle's key)
/// OR …". One advisory per CVE the ELSA fixes (the ELSA id kept as an alias), each package fixed in its
/// build for "ol:N", compared with rpm ordering.
/// </summary>
internal sealed partial class OracleElsaSource : IAdvisorySource
{
    // Feed format: OVAL 5 definitions (oval_definitions: definitions, rpminfo tests/objects/states) of every
    // ELSA for every Oracle Linux release, bzip2-compressed.
    public const string DefinitionsUrl = "https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2";

    // The release package the "Oracle Linux N is installed" tests look at.
    private const string ReleasePackage = "oraclelinux-release";

    public string Name => "oracle-oval";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(new Uri(DefinitionsUrl), previous, cancellationToken);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seekable = await FeedDocuments.SeekableAsync(content, cancellationToken);
        await using var xml = FeedDocuments.Decompress(seekable);
        await foreach (var definition in OvalParser.ReadAsync(xml, Name, cancellationToken))
        {
            if (definition.Class is not (null or "patch"))
            {
                continue;
            }

            foreach (var advisory in ToAdvisories(definition))
            {
                yield return advisory;
            }
        }
    }

    /// <summary>The Oracle Linux major release an alternative's platform tests require ("8" for the
    /// oraclelinux-release version pattern "^8"), or null.</summary>
    internal static string? ReleaseOf(OvalFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        foreach (var (package, _, value) in fix.Platform)
        {
            if (package == ReleasePackage && LeadingDigits().Match(value) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        return null;
    }

    private IEnumerable<Advisory> ToAdvisories(OvalDefinition definition)
    {
        // The ELSA reference first, so that it is the finding's link.
        var elsa = definition.References.Where(r => r.Source.Equals("elsa", StringComparison.OrdinalIgnoreCase)).ToList();
        var ordered = definition with { References = [.. elsa, .. definition.References.Except(elsa)] };
        return OvalAdvisories.From(ordered, Name, fix => ReleaseOf(fix) is { } release ? $"ol:{release}" : null, [.. elsa.Select(r => r.Id)]);
    }

    [GeneratedRegex(@"^\^?(\d+)")]
    private static partial Regex LeadingDigits();
}
