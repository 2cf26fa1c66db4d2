using Drydock.Data.Sqlite;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Advisories;
using Drydock.Scanning.Matching;

namespace Drydock.Server.Integration;

/// <summary>
/// The vulnerability matcher of the server, over <c>DATA/vulndb.sqlite</c> (what the server's own updater or
/// <c>drydock db update</c> writes). Until that database holds a committed update, scans store inventories only and
/// say they were not matched; the first update that commits makes the matcher live.
/// </summary>
public sealed class ServerMatcher
{
    /// <summary>The advisory database file name inside the data directory (the CLI's default is drydock-data/vulndb.sqlite).</summary>
    public const string DatabaseFileName = "vulndb.sqlite";

    private readonly EcosystemRegistry _registry;
    private readonly TimeProvider _timeProvider;
    private readonly MatchIndexHolder _holder = new();
    private readonly Lock _opening = new();
    private SqliteAdvisoryStore? _store;
    private VulnerabilityMatcher? _matcher;

    private ServerMatcher(string path, EcosystemRegistry registry, TimeProvider timeProvider)
    {
        DatabasePath = path;
        _registry = registry;
        _timeProvider = timeProvider;
    }

    /// <summary>The advisory database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The matcher, or null while the data directory has no committed advisory database.</summary>
    public VulnerabilityMatcher? Matcher => Volatile.Read(ref _matcher);

    /// <summary>The database version of the index in force; null while there is none.</summary>
    public DatabaseVersion? Version => Matcher is null ? null : _holder.Current.Version;

    /// <summary>The advisory database, or null while the data directory has none (for vulnerability details).</summary>
    public IAdvisoryStore? Store
    {
        get
        {
            lock (_opening)
            {
                return _store;
            }
        }
    }

    /// <summary>Opens the advisory database of the data directory, when there is one, and loads its match index.</summary>
    public static async Task<ServerMatcher> CreateAsync(string dataDirectory, EcosystemRegistry registry, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var matcher = new ServerMatcher(Path.Combine(dataDirectory, DatabaseFileName), registry, timeProvider);
        await matcher.ReloadAsync(cancellationToken);
        return matcher;
    }

    /// <summary>The advisory store, created (and migrated) on first use; the updater writes through it.</summary>
    public SqliteAdvisoryStore OpenStore()
    {
        lock (_opening)
        {
            return _store ??= new SqliteAdvisoryStore(DatabasePath, _timeProvider);
        }
    }

    /// <summary>
    /// Rebuilds the match index from the database file and swaps it in (scans in flight keep the index they
    /// started with); null while the database has no committed update.
    /// </summary>
    public async Task<DatabaseVersion?> ReloadAsync(CancellationToken cancellationToken)
    {
        if (_store is null && !File.Exists(DatabasePath))
        {
            return null;
        }

        var store = OpenStore();
        var index = await _holder.ReloadAsync(store, cancellationToken);
        if (index.Version is null)
        {
            return null;
        }

        Interlocked.CompareExchange(ref _matcher, new VulnerabilityMatcher(_registry, store, _holder), null);
        return index.Version;
    }
}
