using Drydock.Data.Sqlite;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Advisories;
using Drydock.Scanning.Matching;

namespace Drydock.Server.Integration;

/// <summary>
/// The vulnerability matcher of the server, over <c>DATA/vulndb.sqlite</c> (what <c>drydock db update</c> writes)
/// when that file exists; without it scans store inventories only and say they were not matched.
/// </summary>
public sealed class ServerMatcher
{
    /// <summary>The advisory database file name inside the data directory (the CLI's default is drydock-data/vulndb.sqlite).</summary>
    public const string DatabaseFileName = "vulndb.sqlite";

    private readonly SqliteAdvisoryStore? _store;
    private readonly MatchIndexHolder? _holder;

    private ServerMatcher(VulnerabilityMatcher? matcher, SqliteAdvisoryStore? store, MatchIndexHolder? holder)
    {
        Matcher = matcher;
        _store = store;
        _holder = holder;
    }

    /// <summary>The advisory database, or null when the data directory has none (for vulnerability details).</summary>
    public IAdvisoryStore? Store => _store;

    /// <summary>The matcher, or null when the data directory has no advisory database.</summary>
    public VulnerabilityMatcher? Matcher { get; }

    /// <summary>Opens the advisory database of the data directory, when there is one, and loads its match index.</summary>
    public static async Task<ServerMatcher> CreateAsync(string dataDirectory, EcosystemRegistry registry, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, DatabaseFileName);
        if (!File.Exists(path))
        {
            return new ServerMatcher(null, null, null);
        }

        var store = new SqliteAdvisoryStore(path, timeProvider);
        var holder = new MatchIndexHolder();
        await holder.ReloadAsync(store, cancellationToken);
        return new ServerMatcher(new VulnerabilityMatcher(registry, store, holder), store, holder);
    }

    /// <summary>Rebuilds the match index from the database file (after <c>drydock db update</c> wrote it); null without a database.</summary>
    public async Task<DatabaseVersion?> ReloadAsync(CancellationToken cancellationToken)
    {
        if (_store is null || _holder is null)
        {
            return null;
        }

        var index = await _holder.ReloadAsync(_store, cancellationToken);
        return index.Version;
    }
}
