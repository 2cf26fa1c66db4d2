using Drydock.Ecosystems.Versioning.RubyGems;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.RubyGems;

/// <summary>Differential tier: 20,000 realistic pairs against Ruby's Gem::Version (Debian ruby, rubygems 3.3),
/// one process for all pairs; validity (Gem::Version.correct?) must agree too.</summary>
[Trait("Category", "Oracle")]
public sealed class RubyGemsVersionSchemeOracleTests
{
    private const string Script = """
        out = []
        STDIN.read.split("\n").each do |line|
          a, b = line.split("\t", -1)
          if Gem::Version.correct?(a) && Gem::Version.correct?(b)
            out << (Gem::Version.new(a) <=> Gem::Version.new(b)).to_s
          else
            out << "error #{Gem::Version.correct?(a) ? 1 : 0} #{Gem::Version.correct?(b) ? 1 : 0}"
          end
        end
        STDOUT.write(out.join("\n") + "\n")
        """;

    [Fact]
    public async Task Compare_GeneratedPairs_AgreeWithGemVersion()
    {
        Assert.True(ExternalTool.Exists("ruby"), "The oracle needs ruby (scripts/deps/versions-lang.apt).");
        var pairs = VersionPairs.Generate(
            ["rubygems.tsv", "osvscanner-rubygems.tsv", "osvscanner-rubygems-generated.tsv"],
            [".pre", ".rc1", "-beta", ".a", ".beta.2", "-rc.1", ".0.a", "a", ".pre.1", "-x-y"],
            20_000);

        var result = await ExternalTool.RunAsync("ruby", ["-e", Script], CancellationToken.None, VersionPairs.ToStdin(pairs));

        var lines = result.StandardOutput.Split('\n');
        var scheme = RubyGemsVersionScheme.Instance;
        var disagreements = new List<string>();
        var compared = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var (left, right) = pairs[i];
            if (lines[i].StartsWith("error", StringComparison.Ordinal))
            {
                var valid = lines[i].Split(' ');
                if (scheme.TryValidate(left, out _) != (valid[1] == "1") || scheme.TryValidate(right, out _) != (valid[2] == "1"))
                {
                    disagreements.Add($"{left} / {right}: Gem::Version.correct? says {valid[1]} {valid[2]}");
                }

                continue;
            }

            compared++;
            var expected = int.Parse(lines[i], System.Globalization.CultureInfo.InvariantCulture);
            var actual = scheme.Compare(left, right);
            if (actual != expected)
            {
                disagreements.Add($"{left} vs {right}: Gem::Version {expected}, we {actual}");
            }
        }

        Assert.True(compared >= 10_000, $"Only {compared} pairs were valid for Gem::Version.");
        Assert.Empty(disagreements);
    }
}
