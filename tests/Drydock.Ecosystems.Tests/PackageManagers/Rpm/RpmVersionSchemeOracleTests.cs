using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>
/// Differential tier: 12,000 generated EVR pairs compared by rpm itself (python3-rpm 4.18's
/// <c>rpm.ver</c>, which parses EVR strings with rpm's own parser and compares with rpmverCmp, in one
/// process) and by us. Oracle generation: Debian 12's rpm 4.18. The pairs include forms rpm's parser accepts
/// that look odd (a non-numeric epoch such as "a:1", an empty release such as "1-"); whatever rpm accepts we
/// must accept, and order the same way.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class RpmVersionSchemeOracleTests
{
    private const string Script = """
        import sys, rpm
        out = []
        for line in sys.stdin.read().split("\n"):
            if not line:
                continue
            a, b = line.split("\t")
            try:
                va, vb = rpm.ver(a), rpm.ver(b)
            except ValueError:
                out.append("invalid")
                continue
            out.append(str((va > vb) - (va < vb)))
        sys.stdout.write("\n".join(out) + "\n")
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithRpm()
    {
        var seeds = OrderedVectors.Seeds("osvscanner-redhat.tsv", "rpm.tsv", "rpm-go-rpm-version.tsv");
        var mutator = new VersionMutator(
            seeds,
            ["~rc1", "~", "^git20240101", "^", ".el8", ".el9_2", "-1", "-0.1.beta", "a", "_1", ".fc39", "+b1", "-3.el8_8", "-", ":1", "-~"],
            ["1:", "2:", "0:", "a:", "x1:", ":", "1:a:"],
            seed: 20261126);
        var pairs = mutator.Pairs(12_000);
        Assert.True(pairs.Count(p => IsEdgeForm(p.Left) || IsEdgeForm(p.Right)) >= 1_000, "too few pairs with a non-numeric epoch or an empty release");

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var result = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", Script], timeout.Token, standardInput: VersionMutator.ToInput(pairs));
        var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(pairs.Count, answers.Length);
        var disagreements = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            var ours = RpmVersionScheme.Instance.TryValidate(left, out _) && RpmVersionScheme.Instance.TryValidate(right, out _)
                ? Math.Sign(RpmVersionScheme.Instance.Compare(left, right)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "invalid";
            if (ours != answers[i])
            {
                disagreements.Add($"{left} vs {right}: rpm {answers[i]}, ours {ours}");
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(40)));
    }

    /// <summary>An empty release ("1-"), or a colon that does not end a leading run of digits ("a:1", ":1", "1:a:2"),
    /// which rpm keeps in the version.</summary>
    private static bool IsEdgeForm(string version)
    {
        var colon = version.IndexOf(':', StringComparison.Ordinal);
        if (version.EndsWith('-') || colon == 0)
        {
            return true;
        }

        return colon > 0 && (version.AsSpan(0, colon).ContainsAnyExceptInRange('0', '9') || version.AsSpan(colon + 1).Contains(':'));
    }
}
