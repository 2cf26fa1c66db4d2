using BenchmarkDotNet.Attributes;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Benchmarks.Versioning;

/// <summary>
/// Comparisons per second of every version scheme, on real version pairs from
/// ../shared/testdata/versions (the osv-scanner generated fixtures and upstream vectors), spread evenly
/// over the scheme's files. One operation is one Compare call; MemoryDiagnoser must show 0 B.
/// </summary>
[MemoryDiagnoser]
public class VersionCompareBenchmarks
{
    private IVersionScheme _scheme = null!;
    private string[] _left = [];
    private string[] _right = [];

    private const int Pairs = 4096;

    [Params("deb", "rpm", "apk", "semver", "npm", "go", "cargo", "pypi", "maven", "nuget", "rubygems", "composer")]
    public string Scheme { get; set; } = "deb";

    [GlobalSetup]
    public void Setup()
    {
        if (!BuiltInEcosystems.CreateRegistry().TryGetVersionScheme(Scheme, out var scheme))
        {
            throw new InvalidOperationException($"No scheme {Scheme}.");
        }

        _scheme = scheme;
        string[] files = Scheme switch
        {
            "deb" => ["osvscanner-debian-generated.tsv"],
            "rpm" => ["rpm-go-rpm-version.tsv"],
            "apk" => ["osvscanner-alpine-generated.tsv"],
            "go" => ["go-semver.tsv"],
            "cargo" or "semver" => ["osvscanner-semver.tsv"],
            "npm" => ["npm-semver.tsv"],
            "pypi" => ["osvscanner-pypi-generated.tsv", "pep440.tsv"],
            "maven" => ["osvscanner-maven-generated.tsv", "maven-upstream.tsv"],
            "nuget" => ["nuget.tsv", "osvscanner-nuget.tsv"],
            "rubygems" => ["osvscanner-rubygems-generated.tsv", "rubygems.tsv"],
            _ => ["osvscanner-packagist-generated.tsv", "osvscanner-packagist.tsv"],
        };
        var rows = files
            .SelectMany(file => File.ReadLines(Path.Combine(TestData(), "versions", file)))
            .Select(line => line.Split('\t'))
            .Where(row => row.Length >= 3)
            .ToArray();
        var picked = Enumerable.Range(0, Pairs).Select(i => rows[(int)((long)i * rows.Length / Pairs)]).ToArray();
        _left = [.. picked.Select(r => r[0])];
        _right = [.. picked.Select(r => r[1])];
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public int Compare()
    {
        var sum = 0;
        var scheme = _scheme;
        var left = _left;
        var right = _right;
        for (var i = 0; i < left.Length; i++)
        {
            sum += scheme.Compare(left[i], right[i]);
        }

        return sum;
    }

    private static string TestData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Drydock.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata"));
            }
        }

        throw new DirectoryNotFoundException("Drydock.slnx not found above " + AppContext.BaseDirectory);
    }
}
