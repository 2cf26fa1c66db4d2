namespace Drydock.Testing;

/// <summary>
/// ae-cvss-calculator (scripts/deps/cvss.npm), an independent CVSS implementation: the overall score of each
/// CVSS v4.0 vector as given, threat and environmental metrics included; "invalid" where it rejects the vector.
/// </summary>
public static class CvssOracle
{
    private const string Script = """
        const { Cvss4P0 } = require('ae-cvss-calculator');
        const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.length);
        process.stdout.write(lines.map(v => {
          try { return String(new Cvss4P0(v).calculateScores().overall); } catch (e) { return 'invalid'; }
        }).join('\n') + '\n');
        """;

    /// <summary>One answer per vector, in order, as JavaScript prints the number ("8.7", "10", "0").</summary>
    public static async Task<string[]> ScoreV4Async(IReadOnlyList<string> vectors)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var answers = await NpmTools.RunNodeAsync("ae-cvss-calculator", Script, string.Join('\n', vectors) + "\n", timeout.Token);
        if (answers.Length != vectors.Count)
        {
            throw new InvalidOperationException($"ae-cvss-calculator answered {answers.Length} lines for {vectors.Count} vectors.");
        }

        return answers;
    }
}
