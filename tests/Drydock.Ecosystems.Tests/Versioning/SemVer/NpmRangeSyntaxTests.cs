using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Ecosystems.Versioning.SemVer;

namespace Drydock.Ecosystems.Tests.Versioning.SemVer;

/// <summary>
/// npm ranges against node-semver's range-include/range-exclude fixtures (@ 6e05b763) and
/// go-npm-version's cases (generated with node-semver's satisfies). Generation: node-semver 7.x. Each
/// vector runs with the options its 4th column names.
/// </summary>
public sealed class NpmRangeSyntaxTests
{
    public static TheoryData<string, string, string, bool, string> Vectors
    {
        get
        {
            var data = new TheoryData<string, string, string, bool, string>();
            foreach (var file in new[] { "npm-semver-range.tsv", "npm-semver-range-go-npm-version.tsv" })
            {
                foreach (var row in VersionVectors.Rows(file))
                {
                    data.Add(file, row[0], row[1], row[2] == "true", row.Length > 3 ? row[3] : string.Empty);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Contains_UpstreamVector_MatchesSatisfies(string file, string range, string version, bool expected, string options)
    {
        Assert.NotEmpty(file);
        var syntax = NpmRangeSyntax.WithOptions(
            loose: options.Contains("loose", StringComparison.Ordinal),
            includePrerelease: options.Contains("includePrerelease", StringComparison.Ordinal));

        // node-semver's satisfies is false when the range does not parse.
        var actual = syntax.TryParse(range, out var parsed, out _) && parsed.Contains(version);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TryParse_Garbage_GivesAReason()
    {
        Assert.False(NpmRangeSyntax.Instance.TryParse(">=1.2.3 <=x.y.z.w junk", out _, out var reason));
        Assert.NotEmpty(reason);
    }
}
