using Drydock.Ecosystems.Versioning.Composer;

namespace Drydock.Ecosystems.Tests.Versioning.Composer;

/// <summary>
/// Generation: composer/semver 3 (VersionParser::normalize) followed by PHP 8's version_compare. osv-scanner's
/// Packagist vectors were made with plain version_compare after stripping 'v', without Composer's normalisation;
/// the rows where normalisation changes the answer are excluded below, each with its reason.
/// </summary>
public sealed class ComposerVersionSchemeTests
{
    private static readonly HashSet<(string Left, string Right)> PlainVersionCompareRows =
    [
        // Composer pads to four components, so 1.0.0 == 1.0 (plain version_compare: 1.0.0 > 1.0).
        ("1.0.0", "1.0"),

        // "1.2.3.#" is not a Composer version; osv-scanner's own comparer reads '#' as a zero-like part.
        ("1.2.3.#", "1.2.3"),
        ("1.2.3.#", "1.2.3.1"),

        // Padding again: "v3.0" is 3.0.0.0, above its own betas (plain version_compare puts "3.0" below "3.0.0-beta").
        ("v3.0", "v3.0.0-beta"),
        ("v3.4", "v3.4.0-alpha"),
        ("v4.4", "v4.4.0-beta"),
        ("v6.5", "v6.5.0-beta-0"),
        ("v6.6", "v6.6.0-beta"),
        ("v4-beta4", "v4.0-alpha"),

        // Composer lowercases the stability (ALPHA → alpha); plain version_compare does not know "ALPHA"/"BETA".
        ("v1.9.0-ALPHA.1", "v1.9.0-BETA.1"),
        ("v1.9.0-BETA.1", "v1.9.0-ALPHA.2"),
        ("v1.9.0-ALPHA.2", "v1.9.0-BETA.2"),

        // Composer drops "-stable": 5.1.0-stable is 5.1.0, above 5.1.0-beta2.
        ("5.1.0-stable", "5.1.0-beta2"),

        // "b1.post1" is not a Composer version (invalid, ordered by our fallback, not by Composer).
        ("3.0.0b1", "3.0.0b1.post1"),
        ("3.0.0b2", "3.0.0b2.post1"),
        ("3.2.0rc1", "3.2.0rc1.post1"),
    ];

    private static ComposerVersionScheme Scheme => ComposerVersionScheme.Instance;

    [Theory]
    [InlineData("osvscanner-packagist.tsv")]
    [InlineData("osvscanner-packagist-generated.tsv")]
    public void Compare_UpstreamVectors_MatchComposer(string file)
    {
        var failures = new List<string>();
        foreach (var row in VersionVectors.Rows(file))
        {
            if (PlainVersionCompareRows.Contains((row[0], row[1])) || PlainVersionCompareRows.Contains((row[1], row[0])))
            {
                continue;
            }

            var expected = int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture);
            var actual = Scheme.Compare(row[0], row[1]);
            var reverse = Scheme.Compare(row[1], row[0]);
            if (actual != expected || reverse != -expected)
            {
                failures.Add($"(\"{row[0]}\", \"{row[1]}\"), // expected {expected}, got {actual} (reverse {reverse})");
            }
        }

        Assert.Empty(failures);
    }
}
