using BenchmarkDotNet.Attributes;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Matching;

namespace Drydock.Benchmarks.Matching;

/// <summary>Match 2,000 packages against a database of 500,000 affected ranges, and build the match index
/// from SQLite at that size.</summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"drydock-bench-{Guid.NewGuid():N}");
    private SqliteAdvisoryStore _store = null!;
    private MatchIndex _index = null!;
    private PackageMatcher _matcher = null!;
    private List<Package> _packages = null!;
    private readonly Distribution _alpine = new() { Id = "alpine", Release = "3.10" };

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        var (store, shapes, load, ranges) = SyntheticAdvisoryDatabase.CreateAsync(Path.Combine(_directory, "vulndb.sqlite"), 500_000).GetAwaiter().GetResult();
        Console.WriteLine($"// synthetic database: {ranges} ranges loaded in {load.TotalMilliseconds:F0} ms");
        _store = store;
        _index = MatchIndex.BuildAsync(store, CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// index: {_index.StatementCount} statements, {_index.RangeCount} ranges, {_index.KeyCount} keys");
        EcosystemRegistry registry = BuiltInEcosystems.CreateRegistry();
        _matcher = new PackageMatcher(registry);
        _packages = SyntheticAdvisoryDatabase.Packages(shapes, 2000);
        Console.WriteLine($"// matches for 2000 packages: {_matcher.Match(_index, _alpine, _packages).Count}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int Match2000Packages() => _matcher.Match(_index, _alpine, _packages).Count;

    // What a scan adds beside matching since issue #11: the distributions and ecosystems no loaded source covers.
    [Benchmark]
    public int NotCovered2000Packages() => _matcher.NotCovered(_index, _alpine, _packages).Count;

    [Benchmark]
    public int BuildIndexFromSqlite() => MatchIndex.BuildAsync(_store, CancellationToken.None).GetAwaiter().GetResult().RangeCount;
}
