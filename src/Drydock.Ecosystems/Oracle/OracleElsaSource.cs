using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Ecosystems.AdvisoryFormats.Oval;
using Drydock.Scanning.Abstractions.Advisories;
using ICSharpCode.SharpZipLib.BZip2;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

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
        await using var xml = Decompress(seekable);
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

    private static Stream Decompress(Stream seekable)
    {
        if (FeedDocuments.IsGzip(seekable))
        {
            return new GZipStream(seekable, CompressionMode.Decompress);
        }

        Span<byte> head = stackalloc byte[3];
        var read = seekable.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        seekable.Position = 0;
        return read == 3 && head.SequenceEqual("BZh"u8) ? new BZip2InputStream(seekable) : seekable;
    }

    private IEnumerable<Advisory> ToAdvisories(OvalDefinition definition)
    {
        var elsa = definition.References.FirstOrDefault(r => r.Source.Equals("elsa", StringComparison.OrdinalIgnoreCase));
        var id = elsa.Id is { Length: > 0 } elsaId ? elsaId : definition.Id;
        var statements = new List<AffectedPackage>();
        foreach (var group in definition.Fixes
            .Select(f => (Release: ReleaseOf(f), f.Package, Evr: WithoutZeroEpoch(f.Evr)))
            .Where(f => f.Release is not null)
            .GroupBy(f => (f.Release, f.Package))
            .OrderBy(g => g.Key.Release, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Package, StringComparer.Ordinal))
        {
            statements.Add(new AffectedPackage
            {
                Ecosystem = PackageEcosystems.Rpm,
                Distribution = $"ol:{group.Key.Release}",
                Name = group.Key.Package,
                Ranges = [.. group.Select(f => f.Evr).Distinct(StringComparer.Ordinal).Select(evr => new AffectedRange { Fixed = evr })],
            });
        }

        var references = definition.References.Where(r => r.Source.Equals("elsa", StringComparison.OrdinalIgnoreCase))
            .Concat(definition.References.Where(r => !r.Source.Equals("elsa", StringComparison.OrdinalIgnoreCase)))
            .Select(r => r.Url)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var severity = SeverityNames.Parse(definition.Severity);
        foreach (var cve in definition.Cves.Count == 0 ? [id] : definition.Cves)
        {
            yield return new Advisory
            {
                Id = cve,
                Source = Name,
                Aliases = cve == id ? [] : [id],
                Summary = definition.Title,
                Description = definition.Description,
                Severity = severity,
                References = references,
                Published = definition.Issued,
                Affected = statements,
            };
        }
    }

    // Oracle writes every EVR with its epoch ("0:7.61.1-30.el8_8.3"); rpm prints an installed package's EVR
    // without a zero epoch, and the two compare equal.
    private static string WithoutZeroEpoch(string evr) => evr.StartsWith("0:", StringComparison.Ordinal) ? evr[2..] : evr;

    [GeneratedRegex(@"^\^?(\d+)")]
    private static partial Regex LeadingDigits();
}
