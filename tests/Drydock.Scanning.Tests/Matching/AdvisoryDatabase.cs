using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Matching;
using Drydock.Testing;

namespace Drydock.Scanning.Tests.Matching;

/// <summary>A temporary vulndb.sqlite loaded from real feed files through the real sources.</summary>
internal sealed class AdvisoryDatabase : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-match");

    private AdvisoryDatabase()
    {
        Store = new SqliteAdvisoryStore(_directory.Combine("vulndb.sqlite"), TimeProvider.System);
    }

    public static EcosystemRegistry Registry { get; } = BuiltInEcosystems.CreateRegistry();

    public SqliteAdvisoryStore Store { get; }

    public MatchIndexHolder Index { get; } = new();

    public static IAdvisorySource Source(string name) => Registry.AdvisorySources.Single(s => s.Name == name);

    public static async Task<AdvisoryDatabase> LoadAsync(string sourceName, params string[] files)
    {
        var database = new AdvisoryDatabase();
        var source = Source(sourceName);
        await database.Store.ReplaceSourceAsync(source.Name, ParseAll(source, files), new Fingerprint("test"), CancellationToken.None);
        await database.Index.ReloadAsync(database.Store, CancellationToken.None);
        return database;
    }

    public async Task AddAsync(IAdvisorySource source, params string[] files)
    {
        await Store.ReplaceSourceAsync(source.Name, ParseAll(source, files), new Fingerprint("test"), CancellationToken.None);
        await Index.ReloadAsync(Store, CancellationToken.None);
    }

    public VulnerabilityMatcher Matcher() => new(Registry, Store, Index);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static async IAsyncEnumerable<Advisory> ParseAll(IAdvisorySource source, string[] files)
    {
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await foreach (var advisory in source.ParseAsync(stream, CancellationToken.None))
            {
                yield return advisory;
            }
        }
    }
}
