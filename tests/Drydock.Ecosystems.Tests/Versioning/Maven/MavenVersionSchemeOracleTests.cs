using Drydock.Ecosystems.Versioning.Maven;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.Maven;

/// <summary>
/// Differential tier: 40,000 realistic pairs (at least 10,000 outside the generation changes) against Maven's ComparableVersion from Debian's maven (3.8.7), run
/// as one Java source-file program reading all pairs. Our scheme follows Maven 4 (4.0.0-rc-6); the documented
/// differences between the generations (README: MNG-7644 dot/dash qualifiers and "X-1" combinations, MNG-7714
/// release qualifiers) are recognised by <see cref="IsGenerationSensitive"/>, and only the rest must agree.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class MavenVersionSchemeOracleTests
{
    private const string Jar = "/usr/share/maven/lib/maven-artifact-3.x.jar";

    private const string Program = """
        import java.io.*;
        import java.nio.charset.StandardCharsets;
        import org.apache.maven.artifact.versioning.ComparableVersion;

        public class MavenOracle {
            public static void main(String[] args) throws IOException {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                StringBuilder out = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    int c = new ComparableVersion(line.substring(0, tab)).compareTo(new ComparableVersion(line.substring(tab + 1)));
                    out.append(Integer.signum(c)).append('\n');
                }
                System.out.print(out);
            }
        }
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithComparableVersionOutsideGenerationChanges()
    {
        Assert.True(File.Exists(Jar) && ExternalTool.Exists("java"), "The oracle needs java and maven (scripts/deps/versions-lang.apt).");
        var pairs = VersionPairs.Generate(
            ["maven-upstream.tsv", "maven-claircore.tsv", "osvscanner-maven.tsv", "osvscanner-maven-generated.tsv"],
            ["-SNAPSHOT", "-alpha-1", "-beta2", "-RC1", "-M3", "-sp1", "-1", ".Final", "-jre", "-android", "-cr2", "-20230101.123456-1"],
            40_000);
        using var directory = new TempDirectory();
        var source = Path.Combine(directory.Path, "MavenOracle.java");
        await File.WriteAllTextAsync(source, Program);

        var result = await ExternalTool.RunAsync("java", ["-cp", Jar, source], CancellationToken.None, VersionPairs.ToStdin(pairs));

        var lines = result.StandardOutput.Split('\n');
        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            if (IsGenerationSensitive(left) || IsGenerationSensitive(right))
            {
                continue;
            }

            compared++;
            var expected = int.Parse(lines[i], System.Globalization.CultureInfo.InvariantCulture);
            var actual = MavenVersionScheme.Instance.Compare(left, right);
            if (actual != expected)
            {
                disagreements.Add($"{left} vs {right}: Maven 3.8.7 {expected}, we {actual}");
            }
        }

        Assert.True(compared >= 10_000, $"Only {compared} pairs were outside the generation changes.");
        Assert.Empty(disagreements);
    }

    /// <summary>True when a version uses what Maven 4 parses differently from Maven 3.8/3.9.</summary>
    internal static bool IsGenerationSensitive(string version)
    {
        var v = version.ToLowerInvariant();
        for (var i = 1; i < v.Length; i++)
        {
            // ".X" qualifier after a number (MNG-7644: read as "-X" in Maven 4).
            if (v[i - 1] == '.' && char.IsAsciiLetter(v[i]))
            {
                return true;
            }

            // "X-1" and "X1" combinations (Maven 4 CombinationItem).
            if (char.IsAsciiLetter(v[i - 1]) && (char.IsAsciiDigit(v[i]) || (v[i] == '-' && i + 1 < v.Length && char.IsAsciiDigit(v[i + 1]))))
            {
                return true;
            }
        }

        // Release qualifiers next to other qualifiers (MNG-7714).
        return v.Contains("final", StringComparison.Ordinal) || v.Contains("ga", StringComparison.Ordinal) ||
               v.Contains("release", StringComparison.Ordinal) || v.Contains("sp", StringComparison.Ordinal);
    }
}
