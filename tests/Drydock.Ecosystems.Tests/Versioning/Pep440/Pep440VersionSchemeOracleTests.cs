using Drydock.Ecosystems.Versioning.Pep440;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.Pep440;

/// <summary>
/// Differential tier: 20,000 realistic pairs against Python's packaging (Debian python3-packaging, 23.0, run with
/// /usr/bin/python3), one process for all pairs. Generation note: packaging 23.0 accepts non-ASCII local labels
/// ("1.0+İ") that current packaging rejects; the generated pairs are ASCII, so no pair depends on it.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class Pep440VersionSchemeOracleTests
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys
        from packaging.version import Version, InvalidVersion
        out = []
        for line in sys.stdin.read().split("\n"):
            if not line:
                continue
            a, b = line.split("\t")
            try:
                va, vb = Version(a), Version(b)
            except InvalidVersion:
                try:
                    out.append("error\t" + str(Version(a)) + "\t")
                except InvalidVersion:
                    out.append("error\t\t")
                continue
            out.append("%d\t%s\t%s" % ((va > vb) - (va < vb), va, vb))
        sys.stdout.write("\n".join(out) + "\n")
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithPackaging()
    {
        Assert.True(File.Exists(Python), "The oracle needs /usr/bin/python3 with python3-packaging (scripts/deps/versions-lang.apt).");
        var pairs = VersionPairs.Generate(
            ["pep440.tsv", "osvscanner-pypi.tsv", "osvscanner-pypi-generated.tsv"],
            ["a1", "b2", "rc1", ".post1", ".dev0", "+local.1", "-1", "c1", "pre2", ".RC3", "-post", "+ubuntu1"],
            20_000);

        var result = await ExternalTool.RunAsync(Python, ["-c", Script], CancellationToken.None, VersionPairs.ToStdin(pairs));

        var lines = result.StandardOutput.Split('\n');
        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            var fields = lines[i].Split('\t');
            var scheme = Pep440VersionScheme.Instance;
            if (fields[0] == "error")
            {
                if (scheme.TryValidate(left, out _) && scheme.TryValidate(right, out _))
                {
                    disagreements.Add($"{left} / {right}: packaging rejects one, we accept both");
                }

                continue;
            }

            compared++;
            var expected = int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            var actual = scheme.Compare(left, right);
            if (actual != expected)
            {
                disagreements.Add($"{left} vs {right}: packaging {expected}, we {actual}");
            }

            if (!Pep440VersionScheme.TryNormalize(left, out var normalized, out _) || normalized != fields[1])
            {
                disagreements.Add($"{left}: packaging normalises to {fields[1]}, we to {normalized}");
            }
        }

        Assert.True(compared >= 10_000, $"Only {compared} pairs were valid for packaging.");
        Assert.Empty(disagreements);
    }
}
