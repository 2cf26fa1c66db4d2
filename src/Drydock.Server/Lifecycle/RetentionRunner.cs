using Drydock.Data.Lifecycle;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;

namespace Drydock.Server.Lifecycle;

/// <summary>
/// Applies a namespace's retention rules. Only repositories that some rule names are touched; in them a tag stays when
/// at least one rule keeps it, and goes otherwise, unless an immutability rule covers it. Removing a tag removes the
/// manifests nothing else names any more; their blobs are freed by the next garbage collection.
/// </summary>
internal sealed partial class RetentionRunner(
    ILifecycleStore store, IRegistryStore registry, ImmutabilityGuard immutability, PullRecorder pulls, TimeProvider timeProvider, ILogger<RetentionRunner> logger)
{
    public const string KeepMostRecent = "most-recent";
    public const string KeepPushedWithin = "pushed-within";
    public const string KeepPulledWithin = "pulled-within";
    public const string KeepMatching = "matching";

    public static IReadOnlyList<string> KeepKinds { get; } = [KeepMostRecent, KeepPushedWithin, KeepPulledWithin, KeepMatching];

    public async Task<RetentionReport> RunAsync(string namespaceName, bool dryRun, CancellationToken cancellationToken)
    {
        // Pulls counted in memory decide "pulled within" too.
        await pulls.FlushAsync(cancellationToken);
        var rules = await store.ListRetentionRulesAsync(namespaceName, cancellationToken);
        var tags = await store.ListTagsAsync(namespaceName, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var removed = new List<RetentionCandidate>();
        var keptImmutable = new List<string>();
        var kept = 0;
        foreach (var repositoryTags in tags.GroupBy(t => t.Repository, StringComparer.Ordinal))
        {
            if (!RepositoryName.TryParse(repositoryTags.Key, out var repository))
            {
                continue;
            }

            var path = ImmutabilityGuard.RepositoryPath(repository);
            var applicable = rules.Where(r => TagPattern.Matches(r.RepositoryPattern, path)).ToList();
            if (applicable.Count == 0)
            {
                kept += repositoryTags.Count();
                continue;
            }

            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in applicable)
            {
                keep.UnionWith(Kept(rule, repositoryTags.Where(t => TagPattern.Matches(rule.TagPattern, t.Tag)).ToList(), now).Select(t => t.Tag));
            }

            foreach (var tag in repositoryTags)
            {
                if (keep.Contains(tag.Tag))
                {
                    kept++;
                }
                else if (await immutability.FindRuleAsync(repository, tag.Tag, cancellationToken) is not null)
                {
                    keptImmutable.Add($"{tag.Repository}:{tag.Tag}");
                    kept++;
                }
                else
                {
                    removed.Add(new RetentionCandidate(tag.Repository, tag.Tag, tag.Digest, tag.PushedAt, tag.LastPulledAt));
                }
            }
        }

        if (!dryRun)
        {
            for (var i = 0; i < removed.Count; i++)
            {
                var manifests = await registry.DeleteTagAndOrphansAsync(removed[i].Repository, removed[i].Tag, cancellationToken);
                removed[i] = removed[i] with { ManifestsRemoved = manifests.Select(d => d.ToString()).ToList() };
            }
        }

        LogRetention(logger, namespaceName, dryRun ? "would remove" : "removed", removed.Count, kept);
        return new RetentionReport(namespaceName, dryRun, removed, kept, keptImmutable);
    }

    private static IEnumerable<TaggedManifest> Kept(RetentionRule rule, IReadOnlyList<TaggedManifest> candidates, DateTimeOffset now) => rule.Keep switch
    {
        KeepMostRecent => candidates.OrderByDescending(t => t.PushedAt).ThenBy(t => t.Tag, StringComparer.Ordinal).Take(rule.Count ?? 0),
        KeepPushedWithin => candidates.Where(t => t.PushedAt >= now.AddDays(-(rule.Days ?? 0))),
        KeepPulledWithin => candidates.Where(t => t.LastPulledAt >= now.AddDays(-(rule.Days ?? 0))),
        KeepMatching => candidates,

        // A rule of an unknown kind (written by a newer drydock) keeps everything it matches rather than guessing.
        _ => candidates,
    };

    [LoggerMessage(4702, LogLevel.Information, "Retention of namespace {Namespace} {Verb} {Removed} tags; kept {Kept}")]
    private static partial void LogRetention(ILogger logger, string @namespace, string verb, int removed, int kept);
}
