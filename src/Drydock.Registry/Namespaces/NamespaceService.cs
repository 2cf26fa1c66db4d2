using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Namespaces;

/// <summary>
/// Namespaces (TCR's model): the first component of a repository name. By default the first push into a
/// namespace creates it; with <see cref="RegistryOptions.ExplicitNamespaces"/> it must be created first.
/// </summary>
public sealed class NamespaceService(IRegistryStore store, RegistryOptions options, TimeProvider timeProvider)
{
    public Task<IReadOnlyList<NamespaceRecord>> ListAsync(CancellationToken cancellationToken) => store.ListNamespacesAsync(cancellationToken);

    public Task<NamespaceRecord?> GetAsync(string name, CancellationToken cancellationToken) => store.GetNamespaceAsync(name, cancellationToken);

    /// <summary>Creates a namespace; false when one with that name exists.</summary>
    public Task<bool> CreateAsync(string name, string? settingsJson, CancellationToken cancellationToken)
    {
        if (!RepositoryName.IsValidComponent(name))
        {
            throw new ArgumentException($"'{name}' is not a namespace name: use lowercase letters and digits, separated by '.', '_', '__' or '-'.", nameof(name));
        }

        return store.CreateNamespaceAsync(name, settingsJson ?? "{}", timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>Makes sure the repository exists before something is pushed into it, creating its namespace when allowed.</summary>
    public async Task<RegistryResult<RepositoryName>> EnsureRepositoryForPushAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var created = await store.EnsureRepositoryAsync(
            repository.Value, repository.Namespace, createNamespace: !options.ExplicitNamespaces, timeProvider.GetUtcNow(), cancellationToken);
        if (!created)
        {
            return OciErrorCode.Denied.WithMessage(
                $"namespace '{repository.Namespace}' does not exist; this registry requires namespaces to be created first (POST /api/v1/namespaces)",
                repository.Namespace);
        }

        return repository;
    }
}
