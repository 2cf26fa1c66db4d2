using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Ubuntu;

/// <summary>
/// The Ubuntu CVE tracker, matched by source package and release: entries of <c>Key: value</c> lines with
/// <c>Priority:</c> and one <c>release_package: status (version)</c> line per release. released → fixed in
/// the version; needed, needs-triage, pending, deferred → affected without a released fix; ignored → will
/// not fix; not-affected → not affected; DNE, upstream, devel and ESM/Pro streams are left out.
/// </summary>
internal sealed partial class UbuntuTrackerSource : IAdvisorySource
{
    // Feed format: a tar.gz snapshot of the ubuntu-cve-tracker repository; each file under active/ and
    // retired/ is one tracker entry (Candidate:, Priority:, <release>_<package>: status (version)).
    public const string Url = "https://git.launchpad.net/ubuntu-cve-tracker/snapshot/ubuntu-cve-tracker-master.tar.gz";

    /// <summary>Release codenames and their version numbers, as data.</summary>
    public static readonly IReadOnlyDictionary<string, string> Releases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["precise"] = "12.04", ["trusty"] = "14.04", ["xenial"] = "16.04", ["bionic"] = "18.04", ["cosmic"] = "18.10",
        ["disco"] = "19.04", ["eoan"] = "19.10", ["focal"] = "20.04", ["groovy"] = "20.10", ["hirsute"] = "21.04",
        ["impish"] = "21.10", ["jammy"] = "22.04", ["kinetic"] = "22.10", ["lunar"] = "23.04", ["mantic"] = "23.10",
        ["noble"] = "24.04", ["oracular"] = "24.10", ["plucky"] = "25.04", ["questing"] = "25.10",
    };

    public string Name => "ubuntu-tracker";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(new Uri(Url), previous, cancellationToken);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seekable = await FeedDocuments.SeekableAsync(content, cancellationToken);
        if (!FeedDocuments.IsGzip(seekable))
        {
            using var reader = new StreamReader(seekable);
            if (Parse(await reader.ReadToEndAsync(cancellationToken), "(document)") is { } single)
            {
                yield return single;
            }

            yield break;
        }

        await using var gzip = new GZipStream(seekable, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: true, cancellationToken) is { } entry)
        {
            var name = entry.Name;
            if (entry.DataStream is null || !(name.Contains("/active/CVE-", StringComparison.Ordinal) || name.Contains("/retired/CVE-", StringComparison.Ordinal)))
            {
                continue;
            }

            using var reader = new StreamReader(entry.DataStream);
            if (Parse(await reader.ReadToEndAsync(cancellationToken), name) is { } advisory)
            {
                yield return advisory;
            }
        }
    }

    internal Advisory? Parse(string text, string name)
    {
        string? id = null;
        var priority = Severity.Unknown;
        var packagePriority = new Dictionary<string, Severity>(StringComparer.Ordinal);
        var description = new List<string>();
        var affected = new List<AffectedPackage>();
        string? field = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(' '))
            {
                if (field == "Description")
                {
                    description.Add(line.Trim());
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                field = null;
                continue;
            }

            field = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (field == "Candidate")
            {
                id = value;
            }
            else if (field == "Priority")
            {
                priority = SeverityNames.Parse(value);
            }
            else if (field.StartsWith("Priority_", StringComparison.Ordinal))
            {
                packagePriority[field["Priority_".Length..]] = SeverityNames.Parse(value);
            }
            else if (StatusLine().Match(line) is { Success: true } m && Releases.TryGetValue(m.Groups["release"].Value, out var version))
            {
                var package = m.Groups["package"].Value;
                var status = m.Groups["status"].Value;
                var detail = m.Groups["detail"].Success ? m.Groups["detail"].Value.Trim() : null;
                var statement = new AffectedPackage
                {
                    Ecosystem = PackageEcosystems.Deb,
                    Distribution = $"ubuntu:{version}",
                    Name = package,
                    Severity = packagePriority.GetValueOrDefault(package, priority) is var s && s != Severity.Unknown ? s : null,
                };
                AffectedPackage? mapped = status switch
                {
                    "released" when detail is { Length: > 0 } => statement with { Ranges = [new AffectedRange { Fixed = detail }] },
                    "released" => throw new MalformedRecordException(Name, $"{id ?? name} {m.Groups["release"].Value}_{package}", "status released without a version"),
                    "needed" or "needs-triage" or "pending" or "deferred" or "active" => statement with { Note = detail is null ? status : $"{status} ({detail})" },
                    "ignored" => statement with { Status = AffectedStatus.WillNotFix, Note = detail is null ? "ignored" : $"ignored ({detail})" },
                    "not-affected" => statement with { Status = AffectedStatus.NotAffected, Note = detail is null ? "not-affected" : $"not-affected ({detail})" },
                    "DNE" => null,
                    _ => throw new MalformedRecordException(Name, $"{id ?? name} {m.Groups["release"].Value}_{package}", $"unknown status '{status}'"),
                };
                if (mapped is not null)
                {
                    affected.Add(mapped);
                }
            }
        }

        if (id is null)
        {
            throw new MalformedRecordException(Name, name, "the entry has no Candidate: line");
        }

        return new Advisory
        {
            Id = id,
            Source = Name,
            Description = description.Count == 0 ? null : string.Join(' ', description),
            Severity = priority,
            References = [$"https://ubuntu.com/security/{id}"],
            Affected = affected,
        };
    }

    // "jammy_openssl: released (3.0.2-0ubuntu1.10)" — ESM and Pro streams ("trusty/esm_…") carry a '/'
    // and do not match; "upstream_" and "devel_" are not releases in the table.
    [GeneratedRegex(@"^(?<release>[a-z]+)_(?<package>[A-Za-z0-9.+\-]+):\s*(?<status>[a-zA-Z\-]+)\s*(?:\((?<detail>[^)]*)\))?")]
    private static partial Regex StatusLine();
}
