using System.Collections.Frozen;
using Drydock.Scanning.Advisories;

namespace Drydock.Scanning.Matching;

/// <summary>
/// The in-memory match index: every statement of the advisory database keyed by ecosystem,
/// distribution and package name. Immutable once built; a new database is a new index, swapped in by
/// <see cref="MatchIndexHolder"/>.
/// </summary>
public sealed class MatchIndex
{
    private readonly FrozenDictionary<MatchKey, StoredAffected[]> _entries;

    private readonly FrozenSet<(string Ecosystem, string? Distribution)> _coverage;

    private MatchIndex(
        FrozenDictionary<MatchKey, StoredAffected[]> entries, FrozenSet<(string Ecosystem, string? Distribution)> coverage, DatabaseVersion? version, int statementCount, int rangeCount)
    {
        _entries = entries;
        _coverage = coverage;
        Version = version;
        StatementCount = statementCount;
        RangeCount = rangeCount;
    }

    /// <summary>An index with nothing in it.</summary>
    public static MatchIndex Empty { get; } = new(FrozenDictionary<MatchKey, StoredAffected[]>.Empty, FrozenSet<(string, string?)>.Empty, null, 0, 0);

    /// <summary>The database version the index was built from; null for an empty database.</summary>
    public DatabaseVersion? Version { get; }

    /// <summary>Package statements in the index.</summary>
    public int StatementCount { get; }

    /// <summary>Affected ranges in the index.</summary>
    public int RangeCount { get; }

    /// <summary>Distinct (ecosystem, distribution, name) keys.</summary>
    public int KeyCount => _entries.Count;

    /// <summary>True when some loaded source holds data about <paramref name="ecosystem"/> in <paramref name="distribution"/>
    /// (null for a language ecosystem), whether or not it names any package of the image.</summary>
    public bool Covers(string ecosystem, string? distribution) => _coverage.Contains((ecosystem, distribution));

    /// <summary>The statements about one package; empty when there are none.</summary>
    public ReadOnlySpan<StoredAffected> Find(MatchKey key) => _entries.TryGetValue(key, out var list) ? list : [];

    /// <summary>Builds the index from every statement in the store: the server's index, kept for every scan.</summary>
    public static Task<MatchIndex> BuildAsync(IAdvisoryStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return BuildAsync(store, store.ReadAffectedAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Builds the index from the statements about the packages named <paramref name="names"/> only
    /// (<see cref="PackageMatcher.NamesToLookUp"/>): one scan of one image matches exactly as against the whole
    /// index, without reading the whole database.
    /// </summary>
    public static Task<MatchIndex> BuildAsync(IAdvisoryStore store, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return BuildAsync(store, store.ReadAffectedAsync(names, cancellationToken), cancellationToken);
    }

    private static async Task<MatchIndex> BuildAsync(IAdvisoryStore store, IAsyncEnumerable<StoredAffected> rows, CancellationToken cancellationToken)
    {
        var version = await store.GetVersionAsync(cancellationToken);
        var coverage = await store.ReadCoverageAsync(cancellationToken);
        var groups = new Dictionary<MatchKey, List<StoredAffected>>();
        var statements = 0;
        var ranges = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var key = new MatchKey(row.Package.Ecosystem, row.Package.Distribution, row.Package.Name);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = new List<StoredAffected>(2);
            }

            list.Add(row);
            statements++;
            ranges += row.Package.Ranges.Count;
        }

        return new MatchIndex(groups.ToFrozenDictionary(g => g.Key, g => g.Value.ToArray()), coverage.ToFrozenSet(), version, statements, ranges);
    }
}
