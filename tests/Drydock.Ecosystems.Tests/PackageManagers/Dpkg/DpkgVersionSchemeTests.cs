using Drydock.Ecosystems.PackageManagers.Dpkg;
using Drydock.Ecosystems.Tests.Versioning;

namespace Drydock.Ecosystems.Tests.PackageManagers.Dpkg;

/// <summary>
/// dpkg ordering against upstream vectors. Generation: current upstream dpkg (guillemj/dpkg
/// scripts/t/Dpkg_Version.t @ 061c572f). Four of those vectors use an empty revision (<c>0foo-</c>)
/// or an empty upstream version (<c>-0.6.5</c>), which bookworm's dpkg 1.21 rejects; current upstream
/// compares them as listed, and so do we (see <see cref="Compare_CurrentUpstreamOnlyVectors_CompareAsUpstreamTestExpects"/>).
/// </summary>
public sealed class DpkgVersionSchemeTests
{
    private static readonly DpkgVersionScheme Scheme = DpkgVersionScheme.Instance;

    public static TheoryData<int, string, string, int> Dpkg => VersionVectors.Comparisons("dpkg.tsv");

    public static TheoryData<int, string, string, int> GoDebVersion => VersionVectors.Comparisons("deb-go-deb-version.tsv");

    public static TheoryData<int, string, string, int> OsvScanner => VersionVectors.Comparisons("osvscanner-debian.tsv");

    [Theory]
    [MemberData(nameof(Dpkg))]
    [MemberData(nameof(GoDebVersion))]
    [MemberData(nameof(OsvScanner))]
    public void Compare_UpstreamVector_MatchesExpected(int line, string left, string right, int expected)
    {
        Assert.True(line > 0);
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(Scheme.Compare(right, left)));
    }

    [Fact]
    public void Compare_OsvScannerGeneratedOrder_MatchesEveryLine()
    {
        // 14442 lines of real Debian versions ordered by dpkg --compare-versions.
        var failures = VersionVectors.Rows("osvscanner-debian-generated.tsv")
            .Where(row => Math.Sign(Scheme.Compare(row[0], row[1])) != int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture))
            .Select(row => string.Join(' ', row))
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("0foo-", "0foo", 0)]
    [InlineData("0foo-", "0foo-0", 0)]
    [InlineData("0foo-", "0foo+", -1)]
    [InlineData("-0.6.5", "0.9.1", -1)]
    public void Compare_CurrentUpstreamOnlyVectors_CompareAsUpstreamTestExpects(string left, string right, int expected)
    {
        // These four lines of dpkg.tsv are errors in dpkg 1.21 ("revision number is empty",
        // "version number is empty"); current upstream accepts them, and so does TryValidate.
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
        Assert.True(Scheme.TryValidate(left, out _));
    }

    [Theory]
    [InlineData("", "version string is empty")]
    [InlineData("1.0 beta", "version string has embedded spaces")]
    [InlineData(":1.0", "epoch in version is empty")]
    [InlineData("a:1.0", "epoch in version is not number")]
    [InlineData("99999999999:1.0", "epoch in version is too big")]
    public void TryValidate_Invalid_GivesDpkgsReason(string version, string reason)
    {
        Assert.False(Scheme.TryValidate(version, out var actual));
        Assert.Equal(reason, actual);
    }

    [Theory]
    [InlineData("1:2.36.1-8+deb12u1")]
    [InlineData("2.2~rc-4")]
    [InlineData(" 1.0-1 ")]
    public void TryValidate_Valid_ReturnsTrue(string version)
    {
        Assert.True(Scheme.TryValidate(version, out var reason), reason);
    }

    /// <summary>dpkg parses these with only a warning ("version number does not start with digit", "invalid character
    /// in version number" or "in revision number") and compares them.</summary>
    [Theory]
    [InlineData("v3.4.8-1")]
    [InlineData("abc")]
    [InlineData("1.0_1")]
    [InlineData("1.0-1_2")]
    [InlineData("1.0%1")]
    [InlineData("1.0@1")]
    [InlineData("1.0=1")]
    [InlineData("1.0\u00e9")]
    public void TryValidate_FormsDpkgOnlyWarnsAbout_AreValid(string version)
    {
        Assert.True(Scheme.TryValidate(version, out var reason), reason);
    }

    /// <summary>Answers of <c>dpkg --compare-versions</c> (dpkg 1.21.22) for those forms. A byte above 0x7F (here
    /// the UTF-8 of 'é') sorts after the letters and before the other characters.</summary>
    [Theory]
    [InlineData("v3.4.8-1", "3.4.8-1", 1)]
    [InlineData("v3.4.8-1", "v3.4.9-1", -1)]
    [InlineData("1.0_1", "1.0.1", 1)]
    [InlineData("1.0%1", "1.0+1", -1)]
    [InlineData("1.0@1", "1.0a1", 1)]
    [InlineData("1.0=1", "1.0~1", 1)]
    [InlineData("1.0-1_2", "1.0-1.2", 1)]
    [InlineData("1.0\u00e9", "1.0!", -1)]
    [InlineData("1.0\u00e9", "1.0z", 1)]
    [InlineData("abc", "1.0", 1)]
    public void Compare_FormsDpkgOnlyWarnsAbout_OrderLikeDpkg(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(Scheme.Compare(right, left)));
    }
}
