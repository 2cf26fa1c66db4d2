using Drydock.Ecosystems.Versioning.NuGet;

namespace Drydock.Ecosystems.Tests.Versioning.NuGet;

/// <summary>Generation: NuGet.Versioning 7.0.3 (the package we delegate to; the vectors were checked with 8.0.0).</summary>
public sealed class NuGetVersionSchemeTests
{
    /// <summary>osvscanner-nuget.tsv rows with 30-digit components, which NuGet.Versioning cannot parse (README).</summary>
    private static readonly HashSet<string> Unparsable = new(StringComparer.Ordinal)
    {
        "999999999999999999999999999998",
        "999999999999999999999999999999",
    };

    private static NuGetVersionScheme Scheme => NuGetVersionScheme.Instance;

    [Theory]
    [InlineData("nuget.tsv")]
    [InlineData("osvscanner-nuget.tsv")]
    public void Compare_UpstreamVectors_MatchNuGet(string file)
    {
        var failures = new List<string>();
        foreach (var row in VersionVectors.Rows(file))
        {
            if (Unparsable.Any(u => row[0].Contains(u, StringComparison.Ordinal) || row[1].Contains(u, StringComparison.Ordinal)))
            {
                continue;
            }

            var expected = int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture);
            var actual = Scheme.Compare(row[0], row[1]);
            var reverse = Scheme.Compare(row[1], row[0]);
            if (actual != expected || reverse != -expected)
            {
                failures.Add($"{row[0]} vs {row[1]}: expected {expected}, got {actual} (reverse {reverse})");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Compare_CachedVersions_DoesNotAllocate()
    {
        // Delegating to NuGet.Versioning allocates on first parse; the cache makes repeats free.
        Scheme.Compare("1.2.3-beta.1", "1.2.3");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Scheme.Compare("1.2.3-beta.1", "1.2.3");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(-1, result);
        Assert.Equal(0, allocated);
    }
}
