using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Ecosystems.AdvisoryFormats.UpdateInfo;
using Drydock.Scanning.Abstractions.Advisories;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Amazon;

/// <summary>
/// Amazon Linux Security Advisories (ALAS) for Amazon Linux 2 and 2023, from the <c>updateinfo.xml</c> of
/// each release's core repository: the release's mirror list names the current repository, whose
/// <c>repodata/repomd.xml</c> locates <c>updateinfo.xml.gz</c>. One advisory per CVE that an ALAS fixes
/// (the ALAS id kept as an alias), each package of the ALAS "fixed in" its build for the release
/// ("amzn:2", "amzn:2023"), compared with rpm ordering.
/// </summary>
internal sealed partial class AmazonAlasSource : IAdvisorySource
{
    // Feed format: a text file with one repository base URL per line (the first is used); the repository
    // is a yum repository whose repodata/repomd.xml has a <data type="updateinfo"> entry locating a
    // gzip-compressed updateinfo.xml. Amazon Linux 2 core repository, x86_64 (every architecture's
    // updateinfo states the same ALAS).
    public const string AmazonLinux2MirrorList = "https://cdn.amazonlinux.com/2/core/latest/x86_64/mirror.list";

    // Feed format: as above; the Amazon Linux 2023 core repository, x86_64.
    public const string AmazonLinux2023MirrorList = "https://cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list";

    /// <summary>The releases fetched, with their mirror lists.</summary>
    public static IReadOnlyList<(string Release, Uri MirrorList)> Releases { get; } =
    [
        ("2", new Uri(AmazonLinux2MirrorList)),
        ("2023", new Uri(AmazonLinux2023MirrorList)),
    ];

    public string Name => "amazon-alas";

    public async Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var documents = new List<Uri>(Releases.Count);
        foreach (var (release, mirrorList) in Releases)
        {
            // The mirror list and repomd.xml are small and name the current updateinfo; the conditional
            // request is made for the updateinfo itself.
            var repository = await ReadMirrorAsync(context, mirrorList, release, cancellationToken);
            var repomd = new Uri(repository, "repodata/repomd.xml");
            documents.Add(new Uri(repository, await ReadUpdateInfoLocationAsync(context, repomd, cancellationToken)));
        }

        return await FeedDocuments.FetchAllAsync(context, documents, previous, cancellationToken);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, document) in FeedDocuments.ReadAsync(content, cancellationToken))
        {
            await foreach (var update in UpdateInfoParser.ReadAsync(document, Name, cancellationToken))
            {
                // Bug-fix and enhancement updates are not vulnerabilities.
                if (update.Type is not null && update.Type != "security")
                {
                    continue;
                }

                foreach (var advisory in ToAdvisories(update))
                {
                    yield return advisory;
                }
            }
        }
    }

    /// <summary>The Amazon Linux release an ALAS is for: ALAS2-… and ALAS2KERNEL-… (extras) are Amazon Linux
    /// 2, ALAS2023-… is 2023, and a bare ALAS-… the Amazon Linux AMI ("1"); otherwise the "amznN" tag of the
    /// fixed packages' release.</summary>
    internal static string? ReleaseOf(UpdateInfoRecord update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (AlasId().Match(update.Id) is { Success: true } id)
        {
            return id.Groups[1].Value is { Length: > 0 } digits ? digits : "1";
        }

        return update.Packages.Select(p => DistTag().Match(p.Release)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
    }

    private IEnumerable<Advisory> ToAdvisories(UpdateInfoRecord update)
    {
        var release = ReleaseOf(update) ?? throw new MalformedRecordException(Name, update.Id, "neither the id nor the package releases name an Amazon Linux release");
        var distribution = $"amzn:{release}";
        var statements = update.Packages
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AffectedPackage
            {
                Ecosystem = PackageEcosystems.Rpm,
                Distribution = distribution,
                Name = g.Key,
                // Every architecture's build of one update has the same EVR; distinct ones would each be a fix.
                Ranges = [.. g.Select(p => p.Evr).Distinct(StringComparer.Ordinal).Select(evr => new AffectedRange { Fixed = evr })],
            })
            .ToList();
        var cves = update.References
            .Where(r => r.Type == "cve" && r.Id is not null)
            .Select(r => r.Id!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var page = PageUrl(update.Id, release);
        var references = (page is null ? [] : new[] { page })
            .Concat(update.References.Select(r => r.Href).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var severity = SeverityNames.Parse(update.Severity);
        foreach (var id in cves.Count == 0 ? [update.Id] : cves)
        {
            yield return new Advisory
            {
                Id = id,
                Source = Name,
                Aliases = id == update.Id ? [] : [update.Id],
                Summary = update.Title,
                Description = update.Description?.Trim(),
                Severity = severity,
                References = references,
                Published = update.Issued,
                Modified = update.Updated,
                Affected = statements,
            };
        }
    }

    // The public bulletin page of a core-repository ALAS (https://alas.aws.amazon.com/AL2/ALAS2-2023-2005.html,
    // …/AL2023/ALAS2023-2023-001.html); extras advisories are named differently there, so they get none.
    private static string? PageUrl(string id, string release) => release switch
    {
        "2" when id.StartsWith("ALAS2-", StringComparison.Ordinal) => $"https://alas.aws.amazon.com/AL2/{id}.html",
        "2023" when id.StartsWith("ALAS2023-", StringComparison.Ordinal) => $"https://alas.aws.amazon.com/AL2023/{id}.html",
        "1" => $"https://alas.aws.amazon.com/{id}.html",
        _ => null,
    };

    private static async Task<Uri> ReadMirrorAsync(FeedContext context, Uri mirrorList, string release, CancellationToken cancellationToken)
    {
        var result = await context.GetAsync(mirrorList, null, cancellationToken);
        string text;
        await using (var content = result.Content!)
        using (var reader = new StreamReader(content))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('#') && Uri.TryCreate(line.EndsWith('/') ? line : line + "/", UriKind.Absolute, out var repository)
                && repository.Scheme is "https" or "http")
            {
                return repository;
            }
        }

        throw new FeedUnavailableException($"The Amazon Linux {release} mirror list {mirrorList} names no repository.");
    }

    private static async Task<string> ReadUpdateInfoLocationAsync(FeedContext context, Uri repomd, CancellationToken cancellationToken)
    {
        var result = await context.GetAsync(repomd, null, cancellationToken);
        XDocument document;
        await using (var content = result.Content!)
        {
            try
            {
                document = await XDocument.LoadAsync(content, LoadOptions.None, cancellationToken);
            }
            catch (XmlException e)
            {
                throw new FeedUnavailableException($"{repomd} is not a repomd.xml: {e.Message}", e);
            }
        }

        // <repomd xmlns="http://linux.duke.edu/metadata/repo"><data type="updateinfo"><location href="…"/>
        var href = document.Root?.Elements()
            .Where(e => e.Name.LocalName == "data" && (string?)e.Attribute("type") == "updateinfo")
            .Elements()
            .Where(e => e.Name.LocalName == "location")
            .Select(e => (string?)e.Attribute("href"))
            .FirstOrDefault(h => !string.IsNullOrEmpty(h));
        return href ?? throw new FeedUnavailableException($"{repomd} lists no updateinfo.");
    }

    [GeneratedRegex(@"^ALAS(\d*)(?:[A-Z]|-)")]
    private static partial Regex AlasId();

    [GeneratedRegex(@"\.amzn(\d+)")]
    private static partial Regex DistTag();
}
