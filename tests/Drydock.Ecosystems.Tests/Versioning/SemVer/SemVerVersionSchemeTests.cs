using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Ecosystems.Versioning.SemVer;

namespace Drydock.Ecosystems.Tests.Versioning.SemVer;

/// <summary>
/// SemVer 2.0.0 precedence. Generation: the specification. osv-scanner's SEMVER fixture includes
/// strings SemVer rejects (a 'v' prefix, 30-digit numbers are fine, five components are not); Compare
/// orders them leniently and every line passes; TryValidate rejects the non-SemVer ones.
/// </summary>
public sealed class SemVerVersionSchemeTests
{
    private static readonly SemVerVersionScheme Scheme = SemVerVersionScheme.Instance;

    public static TheoryData<int, string, string, int> OsvScanner => VersionVectors.Comparisons("osvscanner-semver.tsv");

    public static TheoryData<int, string, string, int> NodeSemVerStrict
    {
        get
        {
            // The node-semver vectors without options and without a 'v' are plain SemVer 2.0.0.
            var data = new TheoryData<int, string, string, int>();
            var line = 0;
            foreach (var row in VersionVectors.Rows("npm-semver.tsv"))
            {
                line++;
                if ((row.Length < 4 || row[3].Length == 0) && !row[0].Contains('v', StringComparison.Ordinal) && !row[1].Contains('v', StringComparison.Ordinal))
                {
                    data.Add(line, row[0], row[1], int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OsvScanner))]
    [MemberData(nameof(NodeSemVerStrict))]
    public void Compare_UpstreamVector_MatchesExpected(int line, string left, string right, int expected)
    {
        Assert.True(line > 0);
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(Scheme.Compare(right, left)));
    }

    [Theory]
    [InlineData("v1.2.3")]
    [InlineData("1.2")]
    [InlineData("1.1.3.4.5")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3+")]
    public void TryValidate_NotSemVer200_GivesAReason(string version)
    {
        Assert.False(Scheme.TryValidate(version, out var reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void Compare_CargoScheme_IsSemVerPrecedence()
    {
        Assert.Equal("cargo", CargoVersionScheme.Instance.Name);
        Assert.True(CargoVersionScheme.Instance.Compare("1.0.0-alpha.1", "1.0.0-alpha.beta") < 0);
        Assert.Equal(0, CargoVersionScheme.Instance.Compare("1.0.0+build.1", "1.0.0+build.2"));
    }
}
