using BenchmarkDotNet.Attributes;
using Drydock.Ecosystems.Versioning.RubyGems;

namespace Drydock.Benchmarks.Versioning;

/// <summary>Comparisons of real version pairs from the upstream vectors in ../shared/testdata/versions.</summary>
[MemoryDiagnoser]
public class RubyGemsVersionSchemeBenchmarks
{
    private const int Pairs = 4096;

    private string[] _left = [];
    private string[] _right = [];

    [GlobalSetup]
    public void Setup()
    {
        var rows = new List<string[]>();
        foreach (var file in new[] { "osvscanner-rubygems-generated.tsv", "rubygems.tsv" })
        {
            rows.AddRange(File.ReadLines(Path.Combine(SharedVersions(), file)).Where(l => l.Length > 0).Select(l => l.Split('\t')));
        }

        var picked = Enumerable.Range(0, Pairs).Select(i => rows[(int)((long)i * rows.Count / Pairs)]).ToArray();
        _left = [.. picked.Select(r => r[0])];
        _right = [.. picked.Select(r => r[1])];
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public int Compare()
    {
        var scheme = RubyGemsVersionScheme.Instance;
        var sum = 0;
        for (var i = 0; i < _left.Length; i++)
        {
            sum += scheme.Compare(_left[i], _right[i]);
        }

        return sum;
    }

    private static string SharedVersions()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Drydock.slnx")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "testdata", "versions");
            }
        }

        throw new DirectoryNotFoundException("No Drydock.slnx above the benchmark; run it from the repository.");
    }
}
