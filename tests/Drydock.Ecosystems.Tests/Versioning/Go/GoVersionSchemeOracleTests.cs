using Drydock.Ecosystems.Tests.PackageManagers;
using Drydock.Ecosystems.Versioning.Go;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.Go;

/// <summary>
/// Differential tier against golang.org/x/mod/semver itself: Debian's golang-golang-x-mod-dev (0.7.0)
/// source, built with Debian's Go toolchain in GOPATH mode (no network), reading 18,000 generated pairs (at least 10,000 with two valid versions)
/// in one process and printing Compare and IsValid for each. Generation: x/mod/semver 0.7.0, whose rules
/// are those of the current semver_test.go vectors. Every generated version keeps Go's 'v' prefix,
/// because without it x/mod rejects what this scheme accepts for OSV's sake.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class GoVersionSchemeOracleTests
{
    private const string Program = """
        package main

        import (
        	"bufio"
        	"fmt"
        	"os"
        	"strings"

        	"golang.org/x/mod/semver"
        )

        func main() {
        	in := bufio.NewScanner(os.Stdin)
        	out := bufio.NewWriter(os.Stdout)
        	defer out.Flush()
        	for in.Scan() {
        		p := strings.SplitN(in.Text(), "\t", 2)
        		fmt.Fprintf(out, "%d %t %t\n", semver.Compare(p[0], p[1]), semver.IsValid(p[0]), semver.IsValid(p[1]))
        	}
        }
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithXModSemver()
    {
        var seeds = OrderedVectors.Seeds("go-semver.tsv")
            .Concat(["v0.0.0-20191109021931-daa7c04131f5", "v1.2.4-0.20191109021931-daa7c04131f5", "v2.0.0+incompatible", "v1.18.2"])
            .Where(v => v.StartsWith('v'))
            .ToList();
        var mutator = new VersionMutator(
            seeds,
            ["-pre", "-rc.1", "-0.20240101000000-abcdef123456", "+incompatible", ".1", "-01", "-alpha.beta", "+meta", "-", ".0"],
            [],
            seed: 20261126);
        var pairs = mutator.Pairs(18_000).Where(p => p.Left.StartsWith('v') && p.Right.StartsWith('v')).ToList();

        using var directory = new TempDirectory("drydock-go-oracle");
        await File.WriteAllTextAsync(directory.Combine("main.go"), Program);
        var result = await ExternalTool.RunAsync(
            "go",
            ["run", "main.go"],
            CancellationToken.None,
            standardInput: VersionMutator.ToInput(pairs),
            workingDirectory: directory.Path,
            environment: new Dictionary<string, string>
            {
                ["GO111MODULE"] = "off",
                ["GOPATH"] = "/usr/share/gocode",
                ["GOCACHE"] = directory.Combine("cache"),
                ["GOFLAGS"] = string.Empty,
            });
        var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(pairs.Count, answers.Length);
        var disagreements = new List<string>();
        var bothValid = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            var scheme = GoVersionScheme.Instance;
            var ours = $"{Math.Sign(scheme.Compare(left, right))} {(scheme.TryValidate(left, out _) ? "true" : "false")} {(scheme.TryValidate(right, out _) ? "true" : "false")}";
            bothValid += answers[i].EndsWith("true true", StringComparison.Ordinal) ? 1 : 0;
            if (ours != answers[i])
            {
                disagreements.Add($"{left} vs {right}: x/mod {answers[i]}, ours {ours}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(40)));
        Assert.True(bothValid >= 10_000, $"only {bothValid} pairs had two valid versions");
    }
}
