using System.Text.RegularExpressions;
using Drydock.Ecosystems.Versioning.Composer;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.Composer;

/// <summary>
/// Differential tier: 20,000 realistic pairs against Composer itself (Debian php-composer-semver 3.3:
/// <c>VersionParser::normalize</c>, then PHP 8.2's <c>version_compare</c>), one PHP process for all pairs.
/// Documented difference: PHP's strtol saturates numbers above 2^63 and we compare them by size, so pairs with a
/// number of 19 digits or more are not compared.
/// </summary>
[Trait("Category", "Oracle")]
public sealed partial class ComposerVersionSchemeOracleTests
{
    private const string Script = """
        require '/usr/share/php/Composer/Semver/autoload.php';
        $p = new Composer\Semver\VersionParser();
        foreach (explode("\n", stream_get_contents(STDIN)) as $line) {
            if ($line === '') continue;
            [$a, $b] = explode("\t", $line);
            $na = null; $nb = null;
            try { $na = $p->normalize($a); } catch (Exception $e) {}
            try { $nb = $p->normalize($b); } catch (Exception $e) {}
            if ($na === null || $nb === null) { echo "error\t", $na === null ? 0 : 1, "\t", $nb === null ? 0 : 1, "\n"; continue; }
            echo version_compare($na, $nb), "\t", $na, "\n";
        }
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithComposer()
    {
        Assert.True(File.Exists("/usr/share/php/Composer/Semver/autoload.php") && ExternalTool.Exists("php"),
            "The oracle needs php-cli and php-composer-semver (scripts/deps/versions-lang.apt).");
        var pairs = VersionPairs.Generate(
            ["osvscanner-packagist.tsv", "osvscanner-packagist-generated.tsv"],
            ["-beta1", "-RC2", "-dev", "-patch1", "pl2", "-alpha.3", "-stable", "b1", ".x-dev", "@dev", "-p1", "rc"],
            20_000).Where(p => !HugeNumber().IsMatch(p.Left) && !HugeNumber().IsMatch(p.Right)).ToList();

        var result = await ExternalTool.RunAsync("php", ["-r", Script], CancellationToken.None, VersionPairs.ToStdin(pairs));

        var lines = result.StandardOutput.Split('\n');
        var scheme = ComposerVersionScheme.Instance;
        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            var fields = lines[i].Split('\t');
            if (fields[0] == "error")
            {
                if (scheme.TryValidate(left, out _) != (fields[1] == "1") || scheme.TryValidate(right, out _) != (fields[2] == "1"))
                {
                    disagreements.Add($"{left} / {right}: Composer's normalize accepts {fields[1]} {fields[2]}");
                }

                continue;
            }

            compared++;
            var expected = int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            var actual = scheme.Compare(left, right);
            if (actual != expected)
            {
                disagreements.Add($"{left} vs {right}: Composer {expected}, we {actual}");
            }

            if (!ComposerVersionScheme.TryNormalize(left, out var normalized, out _) || normalized != fields[1])
            {
                disagreements.Add($"{left}: Composer normalises to {fields[1]}, we to {normalized}");
            }
        }

        Assert.True(compared >= 10_000, $"Only {compared} pairs were valid for Composer.");
        Assert.Empty(disagreements);
    }

    [GeneratedRegex("[0-9]{19,}")]
    private static partial Regex HugeNumber();
}
