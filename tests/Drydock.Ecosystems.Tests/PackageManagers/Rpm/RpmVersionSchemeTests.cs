using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Ecosystems.Tests.Versioning;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>
/// rpm ordering against upstream vectors. Generation: rpm 4.18+ (rpm-software-management/rpm
/// tests/rpmvercmp.at @ 7f3fdf68, including the "arguably buggy" non-ASCII block, which is current
/// behaviour). Plain <c>rpmvercmp</c> vectors contain hyphens and are checked with
/// <see cref="RpmVersionScheme.VerCmp"/>; EVR vectors (osv-scanner's Red Hat fixture) with Compare.
/// </summary>
public sealed class RpmVersionSchemeTests
{
    private static readonly RpmVersionScheme Scheme = RpmVersionScheme.Instance;

    public static TheoryData<int, string, string, int> RpmVerCmp => VersionVectors.Comparisons("rpm.tsv");

    public static TheoryData<int, string, string, int> Oddities => VersionVectors.Comparisons("rpm-oddities.tsv");

    public static TheoryData<int, string, string, int> ClaircoreExtra => VersionVectors.Comparisons("rpm-claircore-extra.tsv");

    public static TheoryData<int, string, string, int> RedHatEvr => VersionVectors.Comparisons("osvscanner-redhat.tsv");

    [Theory]
    [MemberData(nameof(RpmVerCmp))]
    [MemberData(nameof(Oddities))]
    [MemberData(nameof(ClaircoreExtra))]
    public void VerCmp_UpstreamVector_MatchesExpected(int line, string left, string right, int expected)
    {
        Assert.True(line > 0);
        Assert.Equal(expected, Math.Sign(RpmVersionScheme.VerCmp(left, right)));
        Assert.Equal(-expected, Math.Sign(RpmVersionScheme.VerCmp(right, left)));
    }

    [Theory]
    [MemberData(nameof(RpmVerCmp))]
    [MemberData(nameof(Oddities))]
    [MemberData(nameof(ClaircoreExtra))]
    [MemberData(nameof(RedHatEvr))]
    public void Compare_UpstreamVector_MatchesExpected(int line, string left, string right, int expected)
    {
        // Without a colon or hyphen an EVR string is just a version, so the rpmvercmp vectors hold for
        // Compare too; the few with hyphens are release splits that agree with rpmvercmp as well.
        Assert.True(line > 0);
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(Scheme.Compare(right, left)));
    }

    [Fact]
    public void VerCmp_GoRpmVersionCases_MatchEveryLine()
    {
        // 4489 rpmvercmp cases from knqyf263/go-rpm-version, including empty strings.
        var failures = VersionVectors.Rows("rpm-go-rpm-version.tsv")
            .Where(row => Math.Sign(RpmVersionScheme.VerCmp(row[0], row[1])) != int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture)
                || Math.Sign(RpmVersionScheme.VerCmp(row[1], row[0])) != -int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture))
            .Select(row => string.Join(' ', row))
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("1:2.0-1", "2.0-1", 1)]
    [InlineData("0:2.0-1", "2.0-1", 0)]
    [InlineData("2.0", "2.0-1", -1)]
    [InlineData("1.0~rc1-1", "1.0-1", -1)]
    [InlineData("1.0^git1-1", "1.0-1", 1)]
    [InlineData("1.0^git1-1", "1.0.1-1", -1)]
    public void Compare_EpochVersionRelease_OrdersLikeLabelCompare(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.0 1")]
    [InlineData("1.0\t1")]
    public void TryValidate_Invalid_GivesAReason(string version)
    {
        Assert.False(Scheme.TryValidate(version, out var reason));
        Assert.NotEmpty(reason);
    }

    /// <summary>rpm 4.18's parser (python3-rpm's <c>rpm.ver</c>) accepts these: a non-numeric epoch is part of the
    /// version, an empty release is a release, an empty version is an empty string.</summary>
    [Theory]
    [InlineData("a:1")]
    [InlineData("a:b:c")]
    [InlineData("1-")]
    [InlineData("1.0-")]
    [InlineData("1:")]
    [InlineData("1:1:1")]
    public void TryValidate_FormsRpmParses_AreValid(string version)
    {
        Assert.True(Scheme.TryValidate(version, out var reason), reason);
    }

    /// <summary>Answers of rpm 4.18 (<c>rpm.ver(a)</c> against <c>rpm.ver(b)</c>) for those forms.</summary>
    [Theory]
    [InlineData("a:1", "0:a:1", 0)]
    [InlineData("a:1", "1", -1)]
    [InlineData("a:1", "a:2", -1)]
    [InlineData("a:b:c", "a:b:d", -1)]
    [InlineData("1-", "1", 1)]
    [InlineData("1.0-", "1.0", 1)]
    [InlineData("1-", "1-0", -1)]
    [InlineData("1-", "1-~", 1)]
    [InlineData("1:", "0:9", 1)]
    public void Compare_NonNumericEpochAndEmptyRelease_OrdersLikeRpm(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(Scheme.Compare(right, left)));
    }
}
