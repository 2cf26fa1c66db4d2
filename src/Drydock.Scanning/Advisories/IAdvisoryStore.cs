using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Scanning.Advisories;

/// <summary>The advisory database port: per-source replacement in one transaction, update state, and
/// the reads matching needs. Implemented in Drydock.Data (SQLite; PostgreSQL later).</summary>
public interface IAdvisoryStore
{
    /// <summary>The fingerprint of the source's last successful fetch, for a conditional request.</summary>
    Task<Fingerprint?> GetFingerprintAsync(string source, CancellationToken cancellationToken);

    /// <summary>Replaces every record of <paramref name="source"/> with <paramref name="advisories"/> in one
    /// transaction: when enumerating them throws, nothing changes and the exception propagates. Records
    /// the success, the count and the fingerprint, and advances the database revision.</summary>
    /// <returns>The number of records stored.</returns>
    Task<int> ReplaceSourceAsync(string source, IAsyncEnumerable<Advisory> advisories, Fingerprint fingerprint, CancellationToken cancellationToken);

    /// <summary>Records an attempt that changed nothing: <paramref name="failure"/> null for "unchanged upstream"
    /// (a success), or the sentence saying why the update failed (the previous data stays in force).</summary>
    Task RecordAttemptAsync(string source, string? failure, CancellationToken cancellationToken);

    /// <summary>The update state of every source that was ever attempted.</summary>
    Task<IReadOnlyList<SourceStatus>> GetSourceStatusAsync(CancellationToken cancellationToken);

    /// <summary>The database revision and when it last changed; null when no update ever committed.</summary>
    Task<DatabaseVersion?> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What the stored statements are about: each (ecosystem, distribution key) pair some source holds data for
    /// (distribution null for language ecosystems). A distribution or ecosystem of an image that is not among them has
    /// no loaded source, so the scan cannot judge it.
    /// </summary>
    Task<IReadOnlyCollection<(string Ecosystem, string? Distribution)>> ReadCoverageAsync(CancellationToken cancellationToken);

    /// <summary>Every package statement of every record that is not withdrawn, for building the match index.</summary>
    IAsyncEnumerable<StoredAffected> ReadAffectedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The package statements, as <see cref="ReadAffectedAsync(CancellationToken)"/> gives them, about packages named
    /// one of <paramref name="names"/> (in any ecosystem): what one scan needs, read through an index instead of the
    /// whole database.
    /// </summary>
    IAsyncEnumerable<StoredAffected> ReadAffectedAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>The records with the given keys (as <see cref="StoredAffected.AdvisoryKey"/> gives them).</summary>
    Task<IReadOnlyDictionary<long, Advisory>> GetAdvisoriesAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken);

    /// <summary>Every record, of any source, whose id is one of <paramref name="ids"/>: the NVD, KEV and EPSS
    /// enrichment of a CVE, and the other feeds' records about it.</summary>
    Task<IReadOnlyList<Advisory>> GetByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Everything the database says about one vulnerability, with package statements and ranges: every record whose id
    /// is <paramref name="id"/> or lists it among its aliases, and every record whose id is one of those records' ids or
    /// aliases (NVD, KEV and EPSS enrichment, the other feeds). Empty when the database does not know the id.
    /// </summary>
    Task<IReadOnlyList<Advisory>> FindVulnerabilityAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes a consistent copy of the whole database to <paramref name="path"/> (for an offline bundle).</summary>
    Task BackupToAsync(string path, CancellationToken cancellationToken);
}
