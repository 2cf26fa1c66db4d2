using System.Buffers;
using Drydock.Ecosystems.PackageManagers.Dpkg;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PackageManagers.Dpkg;

/// <summary>
/// Differential tier: 12,000 generated pairs compared by dpkg's own C library (libdpkg's <c>parseversion</c> and
/// <c>dpkg_version_compare</c>, what <c>dpkg --compare-versions</c> runs, built once into a small program that
/// reads every pair) and by us. A version dpkg parses with only a warning (<c>v3.4.8-1</c>, <c>1.0_1</c>, non-ASCII)
/// is valid for both. Oracle generation: Debian 12's dpkg 1.21; the pairs never contain the empty revisions
/// where 1.21 and current upstream differ.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class DpkgVersionSchemeOracleTests
{
    private static readonly SearchValues<char> DebVersionCharacters =
        SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+-~:");

    // Reads A<TAB>B lines; prints "invalid" when parseversion fails with an error (not a warning) on either side,
    // else -1, 0 or 1. Built from scripts/deps/versions-os.apt's gcc and libdpkg-dev.
    private const string Program = """
        #define LIBDPKG_VOLATILE_API 1
        #include <stdio.h>
        #include <string.h>
        #include <dpkg/dpkg.h>
        #include <dpkg/dpkg-db.h>
        #include <dpkg/version.h>
        #include <dpkg/error.h>

        static int parse(struct dpkg_version *v, const char *s)
        {
            struct dpkg_error err = DPKG_ERROR_INIT;
            int ok = parseversion(v, s, &err) >= 0 || err.type == DPKG_MSG_WARN;
            dpkg_error_destroy(&err);
            return ok;
        }

        int main(void)
        {
            static char line[65536];
            while (fgets(line, sizeof line, stdin)) {
                line[strcspn(line, "\n")] = '\0';
                char *tab = strchr(line, '\t');
                if (!tab) continue;
                *tab = '\0';
                struct dpkg_version a, b;
                if (!parse(&a, line) || !parse(&b, tab + 1)) { puts("invalid"); continue; }
                int c = dpkg_version_compare(&a, &b);
                printf("%d\n", (c > 0) - (c < 0));
            }
            return 0;
        }
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithDpkgVersion()
    {
        var seeds = OrderedVectors.Seeds("osvscanner-debian-generated.tsv", "deb-go-deb-version.tsv", "osvscanner-debian.tsv");
        var mutator = new VersionMutator(
            seeds,
            ["~rc1", "~", "~~", "+deb12u1", "-1", "-0ubuntu1", "a", ".1", "+really1.0", "~beta2-1", "-1~bpo11+1", "+dfsg", "_1", "%2", "@3", "=4", "-1_a", "+\u00e91", "!"],
            ["1:", "2:", "0:", "v", "1:v"],
            seed: 20261126);
        var pairs = mutator.Pairs(12_000).Where(p => !p.Left.EndsWith('-') && !p.Right.EndsWith('-')).ToList();
        Assert.True(pairs.Count(p => IsWarningForm(p.Left) || IsWarningForm(p.Right)) >= 1_000, "too few pairs that dpkg parses with a warning");

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var directory = new TempDirectory();
        var source = Path.Combine(directory.Path, "oracle.c");
        var oracle = Path.Combine(directory.Path, "oracle");
        await File.WriteAllTextAsync(source, Program);
        await ExternalTool.RunAsync("gcc", ["-O1", "-o", oracle, source, "-ldpkg"], timeout.Token);
        var result = await ExternalTool.RunAsync(oracle, [], timeout.Token, standardInput: VersionMutator.ToInput(pairs));
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

    /// <summary>What dpkg parses with a warning: an upstream version not starting with a digit, or a character outside deb-version(7).</summary>
    private static bool IsWarningForm(string version)
    {
        var upstream = version.AsSpan(version.IndexOf(':', StringComparison.Ordinal) + 1);
        return (upstream.Length > 0 && !char.IsAsciiDigit(upstream[0])) || version.AsSpan().ContainsAnyExcept(DebVersionCharacters);
    }
}
