using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Ecosystems.Versioning.SemVer;

namespace Drydock.Ecosystems.Tests.Versioning.SemVer;

/// <summary>
/// node-semver ordering. Generation: node-semver 7.x (test/fixtures @ 6e05b763, i.e. 7.8.x; the
/// oracle here is semver@7.7.2, whose comparison is the same). Each vector is checked with the option
/// its 4th column names (loose or strict); includePrerelease does not change comparison.
/// </summary>
public sealed class NpmVersionSchemeTests
{
    public static TheoryData<int, string, string, int, string> Vectors
    {
        get
        {
            var data = new TheoryData<int, string, string, int, string>();
            var line = 0;
            foreach (var row in VersionVectors.Rows("npm-semver.tsv"))
            {
                data.Add(++line, row[0], row[1], int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), row.Length > 3 ? row[3] : string.Empty);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Compare_UpstreamVector_MatchesExpected(int line, string left, string right, int expected, string options)
    {
        Assert.True(line > 0);
        var scheme = options.Contains("loose", StringComparison.Ordinal) ? NpmVersionScheme.Instance : NpmVersionScheme.Strict;

        Assert.True(scheme.TryValidate(left, out var reason), reason);
        Assert.True(scheme.TryValidate(right, out reason), reason);
        Assert.Equal(expected, Math.Sign(scheme.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(scheme.Compare(right, left)));
    }

    [Theory]
    [InlineData("v1.2.3")]
    [InlineData("=1.2.3")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("4.0.0-")]
    [InlineData("1.2.3-+b")]
    [InlineData("1.2.3-.1")]
    public void TryValidate_LooseOnlyForms_LooseAcceptsStrictRejects(string version)
    {
        Assert.True(NpmVersionScheme.Instance.TryValidate(version, out var reason), reason);
        if (version[0] != 'v')
        {
            Assert.False(NpmVersionScheme.Strict.TryValidate(version, out _));
        }
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("9007199254740992.0.0")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3-+")]
    [InlineData("1.2.3-a..b")]
    public void TryValidate_Invalid_GivesAReason(string version)
    {
        Assert.False(NpmVersionScheme.Instance.TryValidate(version, out var reason));
        Assert.NotEmpty(reason);
    }

    /// <summary>node-semver 7.7 in loose mode reads a hyphen with no valid pre-release after it as the pre-release
    /// "-" (its optional hyphen backtracks, and '-' is an identifier letter); answers from <c>semver.compare(a, b, { loose: true })</c>.</summary>
    [Theory]
    [InlineData("4.0.0-", "4.0.0", -1)]
    [InlineData("4.0.0-", "4.0.0-0", 1)]
    [InlineData("8.0.0-", "8.0.0-a", -1)]
    [InlineData("1.2.3-+b", "1.2.3--", 0)]
    [InlineData("1.2.3-.1", "1.2.3--.1", 0)]
    [InlineData("1.2.3-", "1.2.3-.1", -1)]
    public void Compare_BareHyphenInLooseMode_IsThePrereleaseHyphen(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(NpmVersionScheme.Instance.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(NpmVersionScheme.Instance.Compare(right, left)));
    }
}
