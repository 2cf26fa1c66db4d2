namespace Drydock.Data.Allowlists;

/// <summary>
/// The per-namespace CVE allowlists (the port SQLite or PostgreSQL implements). Entries are stored with their expiry and
/// never cleaned up by a job: whoever decides compares the expiry with its clock.
/// </summary>
public interface IAllowlistStore
{
    /// <summary>Every entry of the namespace, expired ones included, ordered by vulnerability id.</summary>
    Task<IReadOnlyList<AllowlistEntry>> ListAsync(string namespaceName, CancellationToken cancellationToken);

    /// <summary>The entry for a vulnerability id (compared case-insensitively); null when there is none.</summary>
    Task<AllowlistEntry?> GetAsync(string namespaceName, string vulnerabilityId, CancellationToken cancellationToken);

    /// <summary>Adds the entry or replaces the one with the same namespace and id; true when it was new.</summary>
    Task<bool> UpsertAsync(AllowlistEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes an entry; false when there was none.</summary>
    Task<bool> DeleteAsync(string namespaceName, string vulnerabilityId, CancellationToken cancellationToken);
}
