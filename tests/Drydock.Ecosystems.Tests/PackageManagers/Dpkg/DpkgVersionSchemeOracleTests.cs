using Drydock.Ecosystems.PackageManagers.Dpkg;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PackageManagers.Dpkg;

/// <summary>
/// Differential tier: 12,000 generated pairs compared by Dpkg::Version (libdpkg-perl, the Perl twin of
/// dpkg's C comparison, in one process) and by us. Oracle generation: Debian 12's dpkg 1.21; the pairs
/// never contain the empty revisions where 1.21 and current upstream differ.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class DpkgVersionSchemeOracleTests
{
    // Reads A<TAB>B lines; prints "invalid" when version_check rejects either side, else -1, 0 or 1.
    private const string Script = """
        use strict; use warnings; use Dpkg::Version;
        $| = 0;
        while (my $line = <STDIN>) {
            chomp $line;
            my ($a, $b) = split /\t/, $line, -1;
            my ($oka) = version_check($a);
            my ($okb) = version_check($b);
            if (!$oka || !$okb) { print "invalid\n"; next; }
            print version_compare($a, $b), "\n";
        }
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithDpkgVersion()
    {
        var seeds = OrderedVectors.Seeds("osvscanner-debian-generated.tsv", "deb-go-deb-version.tsv", "osvscanner-debian.tsv");
        var mutator = new VersionMutator(
            seeds,
            ["~rc1", "~", "~~", "+deb12u1", "-1", "-0ubuntu1", "a", ".1", "+really1.0", "~beta2-1", "-1~bpo11+1", "+dfsg"],
            ["1:", "2:", "0:"],
            seed: 20261126);
        var pairs = mutator.Pairs(12_000).Where(p => !p.Left.EndsWith('-') && !p.Right.EndsWith('-')).ToList();

        var result = await ExternalTool.RunAsync("perl", ["-e", Script], CancellationToken.None, standardInput: VersionMutator.ToInput(pairs));
        var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(pairs.Count, answers.Length);
        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            var ours = DpkgVersionScheme.Instance.TryValidate(left, out _) && DpkgVersionScheme.Instance.TryValidate(right, out _)
                ? Math.Sign(DpkgVersionScheme.Instance.Compare(left, right)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "invalid";
            compared += answers[i] == "invalid" ? 0 : 1;
            if (ours != answers[i])
            {
                disagreements.Add($"{left} vs {right}: dpkg {answers[i]}, ours {ours}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(40)));
        Assert.True(compared >= 10_000, $"only {compared} valid pairs were compared");
    }
}
