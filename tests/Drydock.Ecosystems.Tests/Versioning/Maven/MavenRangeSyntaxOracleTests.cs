using Drydock.Ecosystems.Versioning.Maven;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.Maven;

/// <summary>
/// Differential tier for ranges: 10,000 (range, version) checks against Maven's own
/// <c>VersionRange.createFromVersionSpec(..).containsVersion(..)</c> (Debian maven 3.8.7), one Java process.
/// Versions that Maven 4 orders differently from 3.8 (see <see cref="MavenVersionSchemeOracleTests"/>) are left out.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class MavenRangeSyntaxOracleTests
{
    private const string Jar = "/usr/share/maven/lib/maven-artifact-3.x.jar";

    // DefaultArtifactVersion needs commons-lang3, which Debian's maven ships beside it.
    private const string ClassPath = Jar + ":/usr/share/maven/lib/commons-lang3.jar";

    private const string Program = """
        import java.io.*;
        import java.nio.charset.StandardCharsets;
        import org.apache.maven.artifact.versioning.*;

        public class MavenRangeOracle {
            public static void main(String[] args) throws IOException {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                StringBuilder out = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    try {
                        VersionRange range = VersionRange.createFromVersionSpec(line.substring(0, tab));
                        out.append(range.containsVersion(new DefaultArtifactVersion(line.substring(tab + 1)))).append('\n');
                    } catch (InvalidVersionSpecificationException e) {
                        out.append("error\n");
                    }
                }
                System.out.print(out);
            }
        }
        """;

    [Fact]
    public async Task Contains_GeneratedChecks_AgreeWithVersionRange()
    {
        Assert.True(File.Exists(Jar) && ExternalTool.Exists("java"), "The oracle needs java and maven (scripts/deps/versions-lang.apt).");
        var versions = VersionPairs.Generate(["osvscanner-maven-generated.tsv"], ["-SNAPSHOT", "-alpha-1", "-1", "-jre"], 8_000)
            .SelectMany(p => new[] { p.Left, p.Right })
            .Where(v => !MavenVersionSchemeOracleTests.IsGenerationSensitive(v) && !v.Contains(',', StringComparison.Ordinal) && MavenVersionScheme.Instance.TryValidate(v, out _))
            .ToArray();
        var random = new Random(20261126);
        var checks = new List<(string Range, string Version)>();
        while (checks.Count < 10_000)
        {
            var a = versions[random.Next(versions.Length)];
            var b = versions[random.Next(versions.Length)];
            var (low, high) = MavenVersionScheme.Instance.Compare(a, b) <= 0 ? (a, b) : (b, a);
            var range = random.Next(7) switch
            {
                0 => $"[{low},{high})",
                1 => $"({low},{high}]",
                2 => $"[{low}]",
                3 => $"(,{high})",
                4 => $"[{low},)",
                5 => $"(,{low}],[{high},)",
                _ => $"[{low},{high}]",
            };
            for (var k = 0; k < 5; k++)
            {
                checks.Add((range, random.Next(4) == 0 ? low : versions[random.Next(versions.Length)]));
            }
        }

        using var directory = new TempDirectory();
        var source = Path.Combine(directory.Path, "MavenRangeOracle.java");
        await File.WriteAllTextAsync(source, Program);
        var input = string.Concat(checks.Select(c => c.Range + "\t" + c.Version + "\n"));
        var result = await ExternalTool.RunAsync("java", ["-cp", ClassPath, source], CancellationToken.None, input);

        var lines = result.StandardOutput.Split('\n');
        var disagreements = new List<string>();
        for (var i = 0; i < checks.Count; i++)
        {
            var (range, version) = checks[i];
            var parsed = MavenRangeSyntax.Instance.TryParse(range, out var parsedRange, out _);
            if (lines[i] == "error" || !parsed)
            {
                if ((lines[i] == "error") != !parsed)
                {
                    disagreements.Add($"'{range}': Maven {(lines[i] == "error" ? "rejects" : "accepts")} it, we do not");
                }

                continue;
            }

            if (parsedRange!.Contains(version) != (lines[i] == "true"))
            {
                disagreements.Add($"'{range}' with {version}: Maven says {lines[i]}");
            }
        }

        Assert.Empty(disagreements.Distinct());
    }
}
