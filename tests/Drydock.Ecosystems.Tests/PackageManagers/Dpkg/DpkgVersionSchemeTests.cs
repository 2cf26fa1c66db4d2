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
    [InlineData("abc", "version number does not start with digit")]
    [InlineData("1.0_1", "invalid character '_' in version number")]
    [InlineData("1.0-1_2", "invalid character '_' in revision number")]
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
}
