using Drydock.Ecosystems.Versioning.RubyGems;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning.RubyGems;

/// <summary>Differential tier for requirements: 10,000 (requirement, version) checks against
/// <c>Gem::Requirement#satisfied_by?</c> (Debian ruby, rubygems 3.3), one Ruby process.</summary>
[Trait("Category", "Oracle")]
public sealed class RubyGemsRangeSyntaxOracleTests
{
    private const string Script = """
        out = []
        STDIN.read.split("\n").each do |line|
          r, v = line.split("\t", -1)
          begin
            out << Gem::Requirement.new(*r.split(",").map(&:strip)).satisfied_by?(Gem::Version.new(v)).to_s
          rescue ArgumentError, Gem::Requirement::BadRequirementError
            out << "error"
          end
        end
        STDOUT.write(out.join("\n") + "\n")
        """;

    [Fact]
    public async Task Contains_GeneratedChecks_AgreeWithGemRequirement()
    {
        Assert.True(ExternalTool.Exists("ruby"), "The oracle needs ruby (scripts/deps/versions-lang.apt).");
        var versions = VersionPairs.Generate(["osvscanner-rubygems-generated.tsv", "rubygems.tsv"], [".pre", ".rc1", "-beta", ".a"], 6_000)
            .SelectMany(p => new[] { p.Left, p.Right })
            .Where(v => RubyGemsVersionScheme.IsValid(v) && v.Trim().Length > 0)
            .ToArray();
        var random = new Random(20261126);
        var checks = new List<(string Requirement, string Version)>();
        string[] operators = ["~>", ">=", "<=", "!=", "=", ">", "<", ""];
        while (checks.Count < 10_000)
        {
            var a = versions[random.Next(versions.Length)];
            var b = versions[random.Next(versions.Length)];
            var op = operators[random.Next(operators.Length)];
            var requirement = random.Next(3) == 0 ? $"{op} {a}, < {b}" : $"{op} {a}";
            for (var k = 0; k < 5; k++)
            {
                checks.Add((requirement, random.Next(3) == 0 ? a : versions[random.Next(versions.Length)]));
            }
        }

        var input = string.Concat(checks.Select(c => c.Requirement + "\t" + c.Version + "\n"));
        var result = await ExternalTool.RunAsync("ruby", ["-e", Script], CancellationToken.None, input);

        var lines = result.StandardOutput.Split('\n');
        var disagreements = new List<string>();
        for (var i = 0; i < checks.Count; i++)
        {
            var (requirement, version) = checks[i];
            var parsed = RubyGemsRangeSyntax.Instance.TryParse(requirement, out var range, out _);
            if (lines[i] == "error" || !parsed)
            {
                if ((lines[i] == "error") != !parsed)
                {
                    disagreements.Add($"'{requirement}': Gem::Requirement {(lines[i] == "error" ? "rejects" : "accepts")} it, we do not");
                }

                continue;
            }

            if (range!.Contains(version) != (lines[i] == "true"))
            {
                disagreements.Add($"'{requirement}' with {version}: Gem::Requirement says {lines[i]}");
            }
        }

        Assert.Empty(disagreements.Distinct());
    }
}
