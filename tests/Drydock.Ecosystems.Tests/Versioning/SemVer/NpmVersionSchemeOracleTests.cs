using Drydock.Ecosystems.Tests.PackageManagers;
using Drydock.Ecosystems.Versioning.SemVer;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.SemVer;

/// <summary>
/// Differential tier against node-semver (the npm <c>semver</c> package from scripts/deps/versions-os.npm,
/// found through DRYDOCK_NPM_TOOLS, in one node process): 14,000 generated pairs compared in loose mode (at least 10,000 valid),
/// and every generated version tested against ranges built from the upstream range fixtures.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class NpmVersionSchemeOracleTests
{
    private const string CompareScript = """
        const semver = require('semver');
        const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.length);
        const out = lines.map(line => {
          const [a, b] = line.split('\t');
          const o = { loose: true };
          if (!semver.valid(a, o) || !semver.valid(b, o)) return 'invalid';
          return String(semver.compare(a, b, o));
        });
        process.stdout.write(out.join('\n') + '\n');
        """;

    private const string SatisfiesScript = """
        const semver = require('semver');
        const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.length);
        process.stdout.write(lines.map(line => {
          const [r, v] = line.split('\t');
          return String(semver.satisfies(v, r));
        }).join('\n') + '\n');
        """;

    private static readonly string[] Suffixes = ["-alpha", "-alpha.1", "-beta.2", "-rc.1", "-0", "+build.5", "-pre+meta", ".0", "-1"];

    // Loose mode reads a hyphen with nothing valid after it as the pre-release "-" ("4.0.0-", "1.2.3-+b").
    private static readonly string[] EdgeSuffixes = ["-", "-+b", "-.1", "--", "-.a", "-+", "a"];

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithNodeSemver()
    {
        var pairs = Mutator([.. Suffixes, .. EdgeSuffixes]).Pairs(14_000);
        Assert.True(pairs.Count(p => EdgeSuffixes.Any(e => p.Left.EndsWith(e, StringComparison.Ordinal) || p.Right.EndsWith(e, StringComparison.Ordinal))) >= 1_000, "too few pairs with a bare hyphen");

        var answers = await RunNodeAsync(CompareScript, VersionMutator.ToInput(pairs));

        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            var scheme = NpmVersionScheme.Instance;
            var ours = scheme.TryValidate(left, out _) && scheme.TryValidate(right, out _)
                ? Math.Sign(scheme.Compare(left, right)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "invalid";
            compared += answers[i] == "invalid" ? 0 : 1;
            if (ours != answers[i])
            {
                disagreements.Add($"{left} vs {right}: node-semver {answers[i]}, ours {ours}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(40)));
        Assert.True(compared >= 10_000, $"only {compared} valid pairs were compared");
    }

    [Fact]
    public async Task Contains_GeneratedVersionsAgainstUpstreamRanges_AgreeWithNodeSemver()
    {
        var ranges = VersionVectors.Rows("npm-semver-range.tsv").Concat(VersionVectors.Rows("npm-semver-range-go-npm-version.tsv"))
            .Where(row => row.Length < 4 || row[3].Length == 0)
            .Select(row => row[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var versions = Mutator(Suffixes).Pairs(200).SelectMany(p => new[] { p.Left, p.Right }).Distinct(StringComparer.Ordinal).ToList();
        var cases = ranges.SelectMany(range => versions.Select(version => (range, version))).Take(40_000).ToList();

        var answers = await RunNodeAsync(SatisfiesScript, VersionMutator.ToInput(cases));

        var disagreements = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (range, version) = cases[i];
            var ours = NpmRangeSyntax.Instance.TryParse(range, out var parsed, out _) && parsed.Contains(version);
            if ((ours ? "true" : "false") != answers[i])
            {
                disagreements.Add($"'{range}' ∋ {version}: node-semver {answers[i]}, ours {ours}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(40)));
    }

    private static VersionMutator Mutator(IReadOnlyList<string> suffixes)
    {
        var seeds = OrderedVectors.Seeds("npm-semver.tsv", "osvscanner-semver.tsv")
            .Concat(VersionVectors.Rows("npm-semver-range.tsv").Select(row => row[1]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new VersionMutator(seeds, suffixes, ["v", "="], seed: 20261126);
    }

    private static async Task<string[]> RunNodeAsync(string script, string input)
    {
        var tools = Environment.GetEnvironmentVariable("DRYDOCK_NPM_TOOLS");
        if (string.IsNullOrEmpty(tools))
        {
            // scripts/test sets it; a plain dotnet test finds the same cache folder in the checkout.
            tools = Path.Combine(TestPaths.RepositoryRoot, ".cache", "npm-tools", "node_modules");
        }

        Assert.True(Directory.Exists(Path.Combine(tools, "semver")), $"node-semver is not installed under {tools}; run scripts/test.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var result = await ExternalTool.RunAsync(
            "node",
            ["-e", script],
            timeout.Token,
            standardInput: input,
            environment: new Dictionary<string, string> { ["NODE_PATH"] = tools });
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
