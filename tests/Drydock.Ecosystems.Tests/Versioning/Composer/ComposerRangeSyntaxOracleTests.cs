using Drydock.Ecosystems.Versioning.Composer;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.Composer;

/// <summary>
/// Differential tier for constraints: 10,000 (constraint, version) checks against composer/semver's
/// <c>Semver::satisfies</c> (Debian php-composer-semver 3.3), one PHP process. Constraints are built from real
/// versions with each documented form: caret, tilde, wildcard, hyphen range, comparators, AND and OR.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class ComposerRangeSyntaxOracleTests
{
    private const string Script = """
        require '/usr/share/php/Composer/Semver/autoload.php';
        foreach (explode("\n", stream_get_contents(STDIN)) as $line) {
            if ($line === '') continue;
            [$c, $v] = explode("\t", $line);
            try { echo Composer\Semver\Semver::satisfies($v, $c) ? "true" : "false", "\n"; }
            catch (Exception $e) { echo "error\n"; }
        }
        """;

    [Fact]
    public async Task Contains_GeneratedChecks_AgreeWithSemverSatisfies()
    {
        Assert.True(File.Exists("/usr/share/php/Composer/Semver/autoload.php") && ExternalTool.Exists("php"),
            "The oracle needs php-cli and php-composer-semver (scripts/deps/versions-lang.apt).");
        var versions = VersionPairs.Generate(["osvscanner-packagist-generated.tsv"], ["-beta1", "-RC2", "-dev", "-patch1", "-alpha.3"], 6_000)
            .SelectMany(p => new[] { p.Left, p.Right })
            .Where(v => ComposerVersionScheme.Instance.TryValidate(v, out _) && !v.StartsWith("dev-", StringComparison.Ordinal))
            .ToArray();
        var random = new Random(20261126);
        var checks = new List<(string Constraint, string Version)>();
        while (checks.Count < 10_000)
        {
            var a = versions[random.Next(versions.Length)];
            var b = versions[random.Next(versions.Length)];
            var numeric = a.TrimStart('v', 'V').Split('.', '-')[0];
            var constraint = random.Next(11) switch
            {
                0 => "^" + a,
                1 => "~" + a,
                2 => ">=" + a + " <" + b,
                3 => a + " - " + b,
                4 => numeric + ".*",
                5 => "!=" + a,
                6 => ">" + a + " || <" + b,
                7 => "<=" + a,
                8 => a,
                9 => ">= " + a + ", < " + b,
                _ => "^" + numeric + " | ~" + b,
            };
            for (var k = 0; k < 5; k++)
            {
                checks.Add((constraint, versions[random.Next(versions.Length)]));
            }
        }

        var input = string.Concat(checks.Select(c => c.Constraint + "\t" + c.Version + "\n"));
        var result = await ExternalTool.RunAsync("php", ["-r", Script], CancellationToken.None, input);

        var lines = result.StandardOutput.Split('\n');
        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < checks.Count; i++)
        {
            var (constraint, version) = checks[i];
            var parsed = ComposerRangeSyntax.Instance.TryParse(constraint, out var range, out _);
            if (lines[i] == "error")
            {
                if (parsed)
                {
                    disagreements.Add($"'{constraint}': Composer rejects it, we accept it");
                }

                continue;
            }

            compared++;
            if (!parsed)
            {
                disagreements.Add($"'{constraint}': Composer accepts it, we reject it");
                continue;
            }

            var expected = lines[i] == "true";
            if (range!.Contains(version) != expected)
            {
                disagreements.Add($"'{constraint}' contains {version}: Composer {expected}");
            }
        }

        Assert.True(compared >= 5_000, $"Only {compared} checks had a constraint Composer accepts.");
        Assert.Empty(disagreements.Distinct());
    }
}
