using Drydock.Ecosystems.Versioning.RubyGems;

namespace Drydock.Ecosystems.Tests.Versioning.RubyGems;

/// <summary>Generation: rubygems 3.x Gem::Version (vectors from rubygems @ f0d94402, checked with Debian's 3.3.15).</summary>
public sealed class RubyGemsVersionSchemeTests
{
    /// <summary>osv-scanner's hand-written rows use "1beta" and "1gamma", which Gem::Version rejects (README).</summary>
    private static readonly HashSet<string> InvalidForGemVersion = new(StringComparer.Ordinal) { "1beta", "1gamma" };

    private static RubyGemsVersionScheme Scheme => RubyGemsVersionScheme.Instance;

    [Theory]
    [InlineData("rubygems.tsv")]
    [InlineData("osvscanner-rubygems.tsv")]
    [InlineData("osvscanner-rubygems-generated.tsv")]
    public void Compare_UpstreamVectors_MatchGemVersion(string file)
    {
        var failures = new List<string>();
        foreach (var row in VersionVectors.Rows(file))
        {
            if (InvalidForGemVersion.Contains(row[0]) || InvalidForGemVersion.Contains(row[1]))
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
    public void TryValidate_UpstreamInvalidVersions_AreRejected()
    {
        var accepted = VersionVectors.Lines("rubygems-invalid.txt").Concat(InvalidForGemVersion).Where(v => Scheme.TryValidate(v, out _)).ToList();

        Assert.Empty(accepted);
    }
}
