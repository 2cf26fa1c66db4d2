using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Debian;

/// <summary>
/// The Debian security tracker, matched by source package and release. Statuses: <c>resolved</c> with a
/// <c>fixed_version</c> (fixed; "0" means the release was never affected), <c>open</c> (no fix yet;
/// with <c>nodsa_reason: ignored</c> Debian will not fix it), <c>undetermined</c>. The urgency is the
/// per-release severity; "**" marks urgencies set without full analysis, "unimportant" is negligible.
/// </summary>
internal sealed class DebianTrackerSource : IAdvisorySource
{
    // Feed format: security tracker JSON: {source-package: {CVE-id: {description, scope, debianbug,
    // releases: {codename: {status, repositories{}, fixed_version, urgency, nodsa, nodsa_reason}}}}}.
    public const string Url = "https://security-tracker.debian.org/tracker/data/json";

    public string Name => "debian-tracker";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(new Uri(Url), previous, cancellationToken);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (var json = await FeedDocuments.ParseJsonAsync(content, Name, cancellationToken))
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedRecordException(Name, "(document)", "the document is not an object of source packages");
            }

            foreach (var package in json.RootElement.EnumerateObject())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (package.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new MalformedRecordException(Name, package.Name, "the package entry is not an object");
                }

                foreach (var cve in package.Value.EnumerateObject())
                {
                    yield return ParseRecord(package.Name, cve);
                }
            }
        }
    }

    private Advisory ParseRecord(string package, JsonProperty cve)
    {
        var record = $"{cve.Name} ({package})";
        if (cve.Value.ValueKind != JsonValueKind.Object
            || !cve.Value.TryGetProperty("releases", out var releases)
            || releases.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedRecordException(Name, record, "the entry has no releases object");
        }

        var affected = new List<AffectedPackage>();
        foreach (var release in releases.EnumerateObject())
        {
            var r = release.Value;
            var status = r.TryGetProperty("status", out var s) ? s.GetString() : null;
            var fixedVersion = r.TryGetProperty("fixed_version", out var f) ? f.GetString() : null;
            var urgency = r.TryGetProperty("urgency", out var u) ? u.GetString() : null;
            var nodsa = r.TryGetProperty("nodsa", out var n) ? n.GetString() : null;
            var nodsaReason = r.TryGetProperty("nodsa_reason", out var nr) ? nr.GetString() : null;
            var statement = new AffectedPackage
            {
                Ecosystem = PackageEcosystems.Deb,
                Distribution = DebianTrackerReleases.Distribution(release.Name),
                Name = package,
                Severity = SeverityNames.Parse(urgency) is var severity && severity != Severity.Unknown ? severity : null,
            };
            affected.Add(status switch
            {
                "resolved" when fixedVersion == "0" => statement with { Status = AffectedStatus.NotAffected, Note = "not-affected: the tracker lists fixed version 0" },
                "resolved" when !string.IsNullOrEmpty(fixedVersion) => statement with { Ranges = [new AffectedRange { Fixed = fixedVersion }] },
                "resolved" => throw new MalformedRecordException(Name, $"{record} {release.Name}", "status resolved without a fixed_version"),
                "open" when nodsaReason == "ignored" => statement with { Status = AffectedStatus.WillNotFix, Note = NoDsaNote(nodsa, nodsaReason) },
                "open" => statement with { Note = nodsa is null && nodsaReason is null ? null : NoDsaNote(nodsa, nodsaReason) },
                "undetermined" => statement with { Status = AffectedStatus.Undetermined, Note = "undetermined: the security team has not decided whether the release is affected" },
                _ => throw new MalformedRecordException(Name, $"{record} {release.Name}", $"unknown status '{status}'"),
            });
        }

        var description = cve.Value.TryGetProperty("description", out var d) ? d.GetString() : null;
        return new Advisory
        {
            Id = cve.Name,
            Source = Name,
            Description = description,
            References = [$"https://security-tracker.debian.org/tracker/{cve.Name}"],
            Affected = affected,
        };
    }

    private static string NoDsaNote(string? nodsa, string? reason) =>
        $"no-dsa{(string.IsNullOrEmpty(reason) ? string.Empty : $" ({reason})")}{(string.IsNullOrEmpty(nodsa) ? string.Empty : $": {nodsa}")}";
}
