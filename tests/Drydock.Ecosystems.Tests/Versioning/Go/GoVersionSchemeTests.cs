using Drydock.Ecosystems.Tests.Versioning;
using Drydock.Ecosystems.Versioning.Go;

namespace Drydock.Ecosystems.Tests.Versioning.Go;

/// <summary>
/// Go module versions. Generation: golang.org/x/mod/semver (semver_test.go @ fe2ec04f); the oracle tier
/// is <see cref="GoVersionSchemeOracleTests"/>.
/// </summary>
public sealed class GoVersionSchemeTests
{
    private static readonly GoVersionScheme Scheme = GoVersionScheme.Instance;

    public static TheoryData<int, string, string, int> Vectors => VersionVectors.Comparisons("go-semver.tsv");

    public static TheoryData<string, string> Canonical
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var row in VersionVectors.Rows("go-semver-canonical.tsv"))
            {
                data.Add(row[0], row.Length > 1 ? row[1] : string.Empty);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Compare_UpstreamVector_MatchesExpected(int line, string left, string right, int expected)
    {
        Assert.True(line > 0);
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
    }

    [Theory]
    [MemberData(nameof(Canonical))]
    public void TryValidate_UpstreamCanonicalTable_ValidExactlyWhenCanonicalIsNotEmpty(string version, string canonical)
    {
        Assert.Equal(canonical.Length > 0, Scheme.TryValidate(version, out _));
        if (canonical.Length > 0)
        {
            // Canonical form compares equal to the input (build metadata dropped, short forms padded).
            Assert.Equal(0, Scheme.Compare(version, canonical));
        }
    }

    [Theory]
    [InlineData("1.2.3", "v1.2.3", 0)]
    [InlineData("0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", -1)]
    [InlineData("v2.0.0+incompatible", "v2.0.0", 0)]
    [InlineData("v2.0.1+incompatible", "v2.0.0", 1)]
    [InlineData("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", -1)]
    [InlineData("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", 1)]
    public void Compare_OsvStylesAndPseudoVersions_OrderAsGoDoes(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
    }
}
