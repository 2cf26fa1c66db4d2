namespace Drydock.Data.Lifecycle;

/// <summary>Tag immutability and retention rules per namespace, and pull statistics (the port SQLite or PostgreSQL implements).</summary>
public interface ILifecycleStore
{
    Task<IReadOnlyList<ImmutabilityRule>> ListImmutabilityRulesAsync(string namespaceName, CancellationToken cancellationToken);

    Task AddImmutabilityRuleAsync(ImmutabilityRule rule, CancellationToken cancellationToken);

    /// <summary>False when the namespace has no rule with that id.</summary>
    Task<bool> DeleteImmutabilityRuleAsync(string namespaceName, string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<RetentionRule>> ListRetentionRulesAsync(string namespaceName, CancellationToken cancellationToken);

    Task AddRetentionRuleAsync(RetentionRule rule, CancellationToken cancellationToken);

    /// <summary>False when the namespace has no rule with that id.</summary>
    Task<bool> DeleteRetentionRuleAsync(string namespaceName, string id, CancellationToken cancellationToken);

    /// <summary>Namespaces that have at least one retention rule.</summary>
    Task<IReadOnlyList<string>> ListNamespacesWithRetentionAsync(CancellationToken cancellationToken);

    /// <summary>Every tag of the namespace's repositories, with its manifest's push and last pull times.</summary>
    Task<IReadOnlyList<TaggedManifest>> ListTagsAsync(string namespaceName, CancellationToken cancellationToken);

    /// <summary>Adds pulls counted in memory to the stored statistics (manifests deleted meanwhile are skipped).</summary>
    Task AddPullsAsync(IReadOnlyCollection<PullStatistic> pulls, CancellationToken cancellationToken);

    /// <summary>The stored statistics of the repository's manifests.</summary>
    Task<IReadOnlyList<PullStatistic>> ListPullsAsync(string repository, CancellationToken cancellationToken);
}
