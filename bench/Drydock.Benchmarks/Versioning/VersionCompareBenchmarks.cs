using BenchmarkDotNet.Attributes;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Benchmarks.Versioning;

/// <summary>
/// Comparisons per second of each OS and SemVer-family version scheme, on real version pairs from
/// ../shared/testdata/versions (the osv-scanner generated fixtures and upstream vectors). One operation
/// is one Compare call; MemoryDiagnoser must show 0 B.
/// </summary>
[MemoryDiagnoser]
public class VersionCompareBenchmarks
{
    private IVersionScheme _scheme = null!;
    private string[] _left = [];
    private string[] _right = [];

    [Params("deb", "rpm", "apk", "semver", "npm", "go", "cargo")]
    public string Scheme { get; set; } = "deb";

    [GlobalSetup]
    public void Setup()
    {
        if (!BuiltInEcosystems.CreateRegistry().TryGetVersionScheme(Scheme, out var scheme))
        {
            throw new InvalidOperationException($"No scheme {Scheme}.");
        }

        _scheme = scheme;
        var file = Scheme switch
        {
            "deb" => "osvscanner-debian-generated.tsv",
            "rpm" => "rpm-go-rpm-version.tsv",
            "apk" => "osvscanner-alpine-generated.tsv",
            "go" => "go-semver.tsv",
            "cargo" or "semver" => "osvscanner-semver.tsv",
            _ => "npm-semver.tsv",
        };
        var rows = File.ReadLines(Path.Combine(TestData(), "versions", file))
            .Select(line => line.Split('\t'))
            .Where(row => row.Length >= 3)
            .Take(4096)
            .ToArray();
        _left = rows.Select(r => r[0]).ToArray();
        _right = rows.Select(r => r[1]).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 4096)]
    public int Compare()
    {
        var sum = 0;
        var scheme = _scheme;
        var left = _left;
        var right = _right;
        for (var i = 0; i < 4096; i++)
        {
            var j = i % left.Length;
            sum += scheme.Compare(left[j], right[j]);
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
