using Drydock.Data.Lifecycle;
using Drydock.Oci;
using Drydock.Registry.Errors;
using Drydock.Registry.Manifests;
using Drydock.Registry.Names;

namespace Drydock.Server.Lifecycle;

/// <summary>Refuses moving or deleting a tag that one of its namespace's immutability rules covers.</summary>
internal sealed class ImmutabilityGuard(ILifecycleStore store) : ITagGuard
{
    public async Task<OciError?> CheckChangeAsync(RepositoryName repository, string tag, Digest current, CancellationToken cancellationToken)
    {
        var rule = await FindRuleAsync(repository, tag, cancellationToken);
        return rule is null
            ? null
            : OciErrorCode.Denied.WithMessage(
                $"tag '{tag}' of {repository} is immutable: rule {rule.Id} of namespace '{rule.Namespace}' (repositories '{rule.RepositoryPattern}', tags '{rule.TagPattern}') "
                + $"keeps it at {current}",
                $"{repository}:{tag}");
    }

    /// <summary>The first rule that makes the tag immutable, or null.</summary>
    public async Task<ImmutabilityRule?> FindRuleAsync(RepositoryName repository, string tag, CancellationToken cancellationToken)
    {
        var path = RepositoryPath(repository);
        var rules = await store.ListImmutabilityRulesAsync(repository.Namespace, cancellationToken);
        return rules.FirstOrDefault(r => TagPattern.Matches(r.RepositoryPattern, path) && TagPattern.Matches(r.TagPattern, tag));
    }

    /// <summary>The repository's name below its namespace, what repository patterns match.</summary>
    public static string RepositoryPath(RepositoryName repository) =>
        repository.Value.Length > repository.Namespace.Length ? repository.Value[(repository.Namespace.Length + 1)..] : repository.Value;
}
