using Drydock.Ecosystems.Versioning.Pep440;

namespace Drydock.Ecosystems.Tests.Versioning.Pep440;

/// <summary>
/// Generation: current pypa/packaging (≥ 22, vectors from packaging @ 053c8846). LegacyVersion is gone there,
/// so the osv-scanner rows that involve a legacy string (ordered by packaging 21's LegacyVersion) are excluded
/// by the explicit list below; our scheme rejects those strings as invalid.
/// </summary>
public sealed class Pep440VersionSchemeTests
{
    /// <summary>Strings in osvscanner-pypi*.tsv that packaging ≥ 22 rejects (found with Debian's packaging 23.0:
    /// <c>Version(v)</c> raises InvalidVersion). Rows that contain one of them belong to packaging 21.</summary>
    private static readonly HashSet<string> LegacyVersions = new(StringComparer.Ordinal)
    {
        "-class.-jw.util.version.Version-", "-class.-jw.util.version.version-dev", "-class.-jw.util.version.version-pre",
        "-class.-jw.util.version.version-preview", "0.0.1-test1", "0.1-bulbasaur", "0.1-charmander", "0.3.1-p1", "0.3m1",
        "0.3m2", "0.3m3", "0.3m4", "0.3m5", "0.4.0-p1", "0.4m1", "0.4m2", "0.4m3", "0.4m4", "0.4m5", "0.5m1", "0.5m2",
        "0.5m3", "0.5m4", "0.5m5", "0.6m1", "0.6m2", "0.6m3", "0.6m4", "0.6m5", "0.6m6", "0.7.1.fix1", "0.7.10p1",
        "0.7.11p1", "0.7.11p2", "0.7.11p3", "0.7.4.svn.r2010", "0.8.1p1", "0.8.3p1", "0.8.4p1", "0.8.4p2", "0.8.6p1",
        "0.8.7p1", "0.9-doduo", "0.9-eevee", "0.9-fearow", "0.9-gyarados", "0.9-horsea", "0.9-ivysaur", "1.0beta6.1",
        "1.3.1-STAGING", "2.0.0-final", "2.0.1rc2-git", "2013-01-21T20:33:09+0100", "2013-01-23T17:11:52+0100",
        "2013-02-01T20:50:46+0100", "2013-02-02T19:59:03+0100", "2013-02-02T20:23:17+0100", "2013-02-08T17:40:57+0000",
        "2013-03-27T16:32:26+0100", "2013-05-09T12:47:53+0200", "2013-05-10T17:55:56+0200", "2013-05-14T20:16:05+0200",
        "2013-06-01T10:32:51+0200", "2013-07-19T09:11:08+0000", "2013-08-12T21:48:56+0200", "2013-09-11T19-27-10",
        "2013-12-23T17-51-15", "2014-01-12T15-52-10", "4.11-final", "5.0-final", "a3", "trunk",
    };

    private static Pep440VersionScheme Scheme => Pep440VersionScheme.Instance;

    [Theory]
    [InlineData("pep440.tsv")]
    [InlineData("osvscanner-pypi.tsv")]
    [InlineData("osvscanner-pypi-generated.tsv")]
    public void Compare_UpstreamVectors_MatchPackaging(string file)
    {
        var failures = new List<string>();
        var checkedRows = 0;
        foreach (var row in VersionVectors.Rows(file))
        {
            if (LegacyVersions.Contains(row[0]) || LegacyVersions.Contains(row[1]))
            {
                continue;
            }

            checkedRows++;
            var expected = int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture);
            var actual = Scheme.Compare(row[0], row[1]);
            var reverse = Scheme.Compare(row[1], row[0]);
            if (actual != expected || reverse != -expected)
            {
                failures.Add($"{row[0]} vs {row[1]}: expected {expected}, got {actual} (reverse {reverse})");
            }
        }

        Assert.True(checkedRows > 0);
        Assert.Empty(failures);
    }

    [Fact]
    public void Compare_LegacyStrings_AreInvalidInThisGeneration()
    {
        foreach (var legacy in LegacyVersions)
        {
            Assert.False(Scheme.TryValidate(legacy, out _), legacy);
        }
    }

    [Fact]
    public void TryValidate_UpstreamInvalidVersions_AreRejected()
    {
        var accepted = VersionVectors.Lines("pep440-invalid.txt").Where(v => Scheme.TryValidate(v, out _)).ToList();

        Assert.Empty(accepted);
    }

    [Fact]
    public void TryNormalize_UpstreamVectors_GivePackagingsString()
    {
        var failures = new List<string>();
        foreach (var row in VersionVectors.Rows("pep440-normalized.tsv"))
        {
            if (!Pep440VersionScheme.TryNormalize(row[0], out var normalized, out var reason))
            {
                failures.Add($"{row[0]}: rejected ({reason})");
            }
            else if (normalized != row[1])
            {
                failures.Add($"{row[0]}: expected {row[1]}, got {normalized}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void TryValidate_Garbage_GivesAReasonNamingTheVersion()
    {
        Assert.False(Scheme.TryValidate("1.0-foo", out var reason));
        Assert.Contains("1.0-foo", reason, StringComparison.Ordinal);
    }
}
