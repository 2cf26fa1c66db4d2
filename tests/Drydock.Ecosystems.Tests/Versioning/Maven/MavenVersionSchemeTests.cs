using Drydock.Ecosystems.Versioning.Maven;

namespace Drydock.Ecosystems.Tests.Versioning.Maven;

/// <summary>
/// Generation: Maven 4 / apache/maven master ComparableVersion (MNG-7644, MNG-7714). maven-upstream.tsv is
/// that generation and passes whole. The other files carry older expectations, excluded row by row below.
/// </summary>
public sealed class MavenVersionSchemeTests
{
    /// <summary>Rows of older generations (file, A, B), as the versions README lists them.</summary>
    private static readonly HashSet<(string File, string Left, string Right)> OtherGeneration =
    [
        // maven-claircore.tsv: "2.0.a < 2.0.0.a" is the pre-MNG-7644 expectation; current Maven says equal.
        ("maven-claircore.tsv", "2.0.a", "2.0.0.a"),

        // osvscanner-maven*.tsv were ordered with maven-artifact 3.8.6. Maven 4 reads a dot-qualifier ".X1" like
        // "-X1" and "X-1" like "X1" (combination items, MNG-7644), and "-ga-" like a release (MNG-7714); these
        // rows are where that changes the answer (the README's 1 + 18, plus Maven 3.9 → 4 changes).
        ("osvscanner-maven.tsv", "1-1.foo-bar-1-baz-0.1", "1-1.foo-bar1baz-.1"),
        ("osvscanner-maven.tsv", "1-1", "1-ga-1"),
        ("osvscanner-maven-generated.tsv", "3.2.0rc2", "3.2.0-rc.1"),
        ("osvscanner-maven-generated.tsv", "1.0.0-RC16", "1.0.0.RC8-beta"),
        ("osvscanner-maven-generated.tsv", "1.0.0-gradle-rework-beta3", "1.0.0.RC7-3"),
        ("osvscanner-maven-generated.tsv", "2.9.0-1", "2.9.0.RC1"),
        ("osvscanner-maven-generated.tsv", "6.1.12.rc5", "6.1.12rc1"),
        ("osvscanner-maven-generated.tsv", "1.0.0-beta11", "1.0.0-beta.6"),
        ("osvscanner-maven-generated.tsv", "1.1.31.sec10", "1.1.31_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.1.34.sec10", "1.1.34_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.1.46.sec10", "1.1.46_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.8.sec10_noneautotype", "1.2.8_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.31.sec10", "1.2.31_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.48.sec10", "1.2.48_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.50.sec10", "1.2.50_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.54.sec10", "1.2.54_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.57.sec10", "1.2.57_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.60.sec10", "1.2.60_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.2.67.sec10", "1.2.67_noneautotype"),
        ("osvscanner-maven-generated.tsv", "1.0.0rc0", "1.0.beta8"),
        ("osvscanner-maven-generated.tsv", "1.5.9.RC1", "1.5.9-RC0"),
        ("osvscanner-maven-generated.tsv", "3.5.0-CR-2", "3.5.0.Beta-1"),
        ("osvscanner-maven-generated.tsv", "1.1.0-01-glassfish", "1.1.0.Beta1"),
        ("osvscanner-maven-generated.tsv", "v3.7.0rc2", "v3.7.0-rc.3"),

        // Maven 4 reads a trailing ".Final" as the sub-list "-final" and ranks a sub-list above a qualifier without
        // looking inside it (4.0.16.Final > 4.0.16.Final-jason1), and compares a "ga20" combination with nothing by its
        // "ga" alone (7.4.3.20 == 7.4.3.20-ga20). Maven 4.0.0-rc-6's ComparableVersion answers these rows that way.
        ("osvscanner-maven-generated.tsv", "4.0.16.Final", "4.0.16.Final-jason1"),
        ("osvscanner-maven-generated.tsv", "4.0.17.Final", "4.0.17.Final-wildfly-1"),
        ("osvscanner-maven-generated.tsv", "1.1.3.RELEASE", "1.1.3.RELEASE-A"),
        ("osvscanner-maven-generated.tsv", "7.4.3.20", "7.4.3.20-ga20"),
        ("osvscanner-maven-generated.tsv", "7.4.3.21", "7.4.3.21-ga21"),
    ];

    private static MavenVersionScheme Scheme => MavenVersionScheme.Instance;

    [Theory]
    [InlineData("maven-upstream.tsv")]
    [InlineData("maven-claircore.tsv")]
    [InlineData("osvscanner-maven.tsv")]
    [InlineData("osvscanner-maven-generated.tsv")]
    public void Compare_UpstreamVectors_MatchComparableVersion(string file)
    {
        var failures = new List<string>();
        foreach (var row in VersionVectors.Rows(file))
        {
            if (OtherGeneration.Contains((file, row[0], row[1])) || OtherGeneration.Contains((file, row[1], row[0])))
            {
                continue;
            }

            var expected = int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture);
            var actual = Scheme.Compare(row[0], row[1]);
            var reverse = Scheme.Compare(row[1], row[0]);
            if (actual != expected || reverse != -expected)
            {
                failures.Add($"(\"{file}\", \"{row[0]}\", \"{row[1]}\"), // expected {expected}, got {actual} (reverse {reverse})");
            }
        }

        Assert.Empty(failures);
    }
    /// <summary>maven4-oracle.tsv: 20,000 realistic pairs answered by Maven 4's own ComparableVersion (rc-6), since
    /// Debian ships only Maven 3.8.7. Every pair must agree, in both directions.</summary>
    [Fact]
    public void Compare_Maven4OraclePairs_AgreeWithComparableVersion()
    {
        var rows = VersionVectors.Rows("maven4-oracle.tsv");
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var expected = int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture);
            var actual = Scheme.Compare(row[0], row[1]);
            var reverse = Scheme.Compare(row[1], row[0]);
            if (actual != expected || reverse != -expected)
            {
                failures.Add($"{row[0]} vs {row[1]}: Maven 4 {expected}, we {actual} (reverse {reverse})");
            }
        }

        Assert.Equal(20_000, rows.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} disagreements:\n" + string.Join("\n", failures.Take(60)));
    }
    /// <summary>Pairs where Drydock used to differ from Maven 4 (answers from Maven 4.0.0-rc-6's ComparableVersion).
    /// A qualifier is below a sub-list and a sub-list above a qualifier, without looking inside (ListItem.compareTo);
    /// a zero left before a sub-list keeps its nesting level; a "ga1" combination counts as "ga" against nothing.</summary>
    [Theory]
    [InlineData("5.beta.1", "5.beta", -1)]
    [InlineData("13.0-0.Beta2", "13.0.0.Beta2", 1)]
    [InlineData("4.1.47.Final.Final", "4.1.47.Final", -1)]
    [InlineData("1-ga1", "1", 0)]
    [InlineData("1.0-sp", "1.0-1", -1)]
    public void Compare_ListAgainstQualifier_FollowsMaven4(string left, string right, int expected)
    {
        Assert.Equal(expected, Scheme.Compare(left, right));
        Assert.Equal(-expected, Scheme.Compare(right, left));
    }
}
