using Drydock.Data.Scans;
using Drydock.Oci;
using Drydock.Oci.IO;
using Drydock.Oci.Manifests;
using Drydock.Registry.Storage;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Indexing;
using Drydock.Scanning.Matching;

namespace Drydock.Server.Integration;

/// <summary>
/// Scans one manifest of the registry: an image is indexed from the blob store through the shared layer cache; an
/// index has each image platform indexed (its summary is the worst of them); anything else is Unsupported.
/// </summary>
internal sealed class RegistryScanner(IRegistryStore registry, IBlobStore blobs, ImageIndexer indexer, ServerMatcher matcher)
{
    // Image configs; anything else in a manifest's config is an artifact (signature, SBOM, Helm chart …).
    private static readonly HashSet<string> ImageConfigTypes = [MediaTypes.OciConfig, MediaTypes.DockerConfig];

    public async Task<ScanOutcome> ScanAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var record = await registry.GetManifestAsync(repository, digest, cancellationToken);
        if (record is null)
        {
            return Final(ScanStatus.Failed, $"The manifest {digest} is no longer in {repository}.");
        }

        var target = $"{repository}@{digest}";
        if (MediaTypes.IsIndex(record.MediaType))
        {
            var index = ManifestReader.ReadIndex(record.Content, target);
            var inventories = new List<ImageInventory>();
            foreach (var child in index.Manifests ?? [])
            {
                // Attestation manifests (buildkit's unknown/unknown platform) are artifacts, not platforms.
                if (!MediaTypes.IsManifest(child.MediaType) || child.Platform is { Os: "unknown" })
                {
                    continue;
                }

                var childDigest = Digest.Parse(child.Digest);
                var childRecord = await registry.GetManifestAsync(repository, childDigest, cancellationToken);
                if (childRecord is null)
                {
                    continue;
                }

                var inventory = await IndexImageAsync(
                    $"{repository}@{childDigest}", childRecord.Content, childDigest.ToString(), digest.ToString(), child.Platform, cancellationToken);
                if (inventory is not null)
                {
                    inventories.Add(inventory);
                }
            }

            return inventories.Count == 0
                ? Final(ScanStatus.Unsupported, $"The index {digest} has no image platform to scan.")
                : await SuccessAsync(inventories, cancellationToken);
        }

        if (!MediaTypes.IsManifest(record.MediaType))
        {
            return Final(ScanStatus.Unsupported, $"{record.MediaType} is not an image manifest.");
        }

        var single = await IndexImageAsync(target, record.Content, digest.ToString(), null, null, cancellationToken);
        return single is null
            ? Final(ScanStatus.Unsupported, $"{digest} is an artifact{(record.ArtifactType is null ? string.Empty : $" of type {record.ArtifactType}")}, not an image.")
            : await SuccessAsync([single], cancellationToken);
    }

    private async Task<ImageInventory?> IndexImageAsync(
        string target, byte[] content, string manifestDigest, string? indexDigest, Platform? platform, CancellationToken cancellationToken)
    {
        var manifest = ManifestReader.ReadManifest(content, target);
        if (manifest.Config?.MediaType is not { } configType || !ImageConfigTypes.Contains(configType) || manifest.ArtifactType is not null)
        {
            return null;
        }

        byte[]? config = null;
        await using (var stream = await blobs.OpenReadAsync(Digest.Parse(manifest.Config.Digest), cancellationToken))
        {
            if (stream is not null)
            {
                config = await BoundedRead.ReadAllAsync(stream, BoundedRead.MaxDocumentBytes, $"{target}: the config {manifest.Config.Digest}", cancellationToken);
            }
        }

        await using var source = new RegistryBlobImageSource(blobs, target, manifestDigest, indexDigest, manifest, config, platform);
        return await indexer.IndexAsync(source, progress: null, cancellationToken);
    }

    /// <summary>Why an indexed image has no findings yet.</summary>
    public const string NoDatabaseReason =
        "indexed, not matched: the server has no vulnerability database yet (run drydock db update or import one); the first update matches it";

    private static ScanOutcome Final(ScanStatus status, string reason) => new(status, reason, new ScanSummary(), []);

    /// <summary>The summary of indexed platforms, matched against the database in force when there is one.</summary>
    public async Task<ScanOutcome> SuccessAsync(IReadOnlyList<ImageInventory> inventories, CancellationToken cancellationToken)
    {
        var platforms = new List<PlatformSummary>();
        var findings = new List<Finding>();
        MatchResult? worst = null;
        foreach (var inventory in inventories)
        {
            MatchResult? matched = null;
            if (matcher.Matcher is { } vulnerabilityMatcher)
            {
                matched = await vulnerabilityMatcher.MatchAsync(inventory.Distribution, inventory.Packages, cancellationToken);
                findings.AddRange(matched.Findings.Where(f => f.Status != FindingStatus.NotAffected));

                // An index is as bad as its worst platform: highest severity first, then the most findings.
                if (worst is null || (matched.Summary.Highest, matched.Summary.Total).CompareTo((worst.Summary.Highest, worst.Summary.Total)) > 0)
                {
                    worst = matched;
                }
            }

            platforms.Add(new PlatformSummary(
                inventory.ManifestDigest ?? string.Empty,
                inventory.Platform,
                inventory.Distribution is { } d ? $"{d.Id} {d.Version ?? d.Release}" : null,
                inventory.Packages.Count,
                inventory.LayersRead,
                inventory.CacheHits,
                inventory.Warnings)
            {
                HighestSeverity = matched is null ? null : Name(matched.Summary.Highest),
                Findings = matched?.Summary.Total,
                NotCovered = matched?.Summary.NotCovered,
                Vulnerabilities = matched is null ? null : SummaryFindings(matched),
            });
        }

        var summary = new ScanSummary { Platforms = platforms };
        if (worst is not null)
        {
            summary = summary with
            {
                Matched = true,
                HighestSeverity = worst.Summary.Total == 0 ? null : Name(worst.Summary.Highest),
                Counts = worst.Summary.BySeverity.ToDictionary(p => Name(p.Key), p => p.Value),
                Fixable = worst.Summary.FixableBySeverity.ToDictionary(p => Name(p.Key), p => p.Value),
                DatabaseVersion = worst.DatabaseVersion?.ToString(),

                // An index is judged on every platform: a gap on any of them is a gap of the artifact.
                NotCovered = [.. platforms.SelectMany(p => p.NotCovered ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            };
        }

        return worst is null
            ? new ScanOutcome(ScanStatus.NoDatabase, NoDatabaseReason, summary, inventories)
            : new ScanOutcome(ScanStatus.Success, null, summary, inventories) { Findings = findings };
    }

    // Not-affected findings never count, so only the ones a policy may count (or an allowlist accept) are kept.
    private static List<SummaryFinding> SummaryFindings(MatchResult matched) =>
    [
        .. matched.Findings
            .Where(f => f.Status != Scanning.Abstractions.Advisories.FindingStatus.NotAffected)
            .Select(f => new SummaryFinding(f.VulnerabilityId, f.Aliases, Name(f.Severity), f.Package.Name, f.InstalledVersion, f.FixedVersion)),
    ];

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
