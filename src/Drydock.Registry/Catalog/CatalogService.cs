using Drydock.Registry.Errors;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Catalog;

/// <summary>The repository catalog and the tag list, in lexical order, paged with <c>n</c> and <c>last</c>.</summary>
public sealed class CatalogService(IRegistryStore store)
{
    /// <summary>Repositories after <paramref name="last"/>, at most <paramref name="limit"/> (all when null).</summary>
    public async Task<Page> ListRepositoriesAsync(int? limit, string? last, CancellationToken cancellationToken)
    {
        var take = limit ?? int.MaxValue - 1;
        var items = await store.ListRepositoriesAsync(last, take + 1, cancellationToken);
        return ToPage(items, take);
    }

    /// <summary>Tags of the repository after <paramref name="last"/>, at most <paramref name="limit"/>; NAME_UNKNOWN for an unknown repository.</summary>
    public async Task<RegistryResult<Page>> ListTagsAsync(RepositoryName repository, int? limit, string? last, CancellationToken cancellationToken)
    {
        var take = limit ?? int.MaxValue - 1;
        var items = await store.ListTagsAsync(repository.Value, last, take + 1, cancellationToken);
        return items is null ? OciErrorCode.NameUnknown.With(repository.Value) : ToPage(items, take);
    }

    private static Page ToPage(IReadOnlyList<string> items, int take) =>
        items.Count > take ? new Page(items.Take(take).ToList(), true) : new Page(items, false);
}
