using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Drydock.Ecosystems.AdvisoryFormats.Cvss;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Cvss;

/// <summary>
/// Differential tier against ae-cvss-calculator (scripts/deps/cvss.npm), an independent CVSS v4.0 implementation:
/// every v4.0 vector in the shared test data (OSV, NVD, claircore's lists) and generated vectors that exercise the
/// threat, environmental and supplemental metrics must score the same as its overall score.
/// </summary>
[Trait("Category", "Oracle")]
public sealed partial class CvssV4OracleTests
{
    private static readonly (string Name, string[] Values)[] Optional =
    [
        ("E", ["X", "A", "P", "U"]),
        ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]), ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
        ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]),
        ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
        ("S", ["X", "N", "P"]), ("R", ["X", "A", "U", "I"]),
    ];

    private static readonly (string Name, string[] Values)[] Base =
    [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "P", "A"]),
        ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]), ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
    ];

    [Fact]
    public async Task TryScore_EveryV4VectorInTheSharedTestData_AgreesWithAeCvssCalculator()
    {
        var found = TestDataVectors();
        var real = found.Where(f => !f.File.Contains("cvss", StringComparison.Ordinal)).Select(f => f.Vector).Distinct(StringComparer.Ordinal).ToList();
        var vectors = found.Select(f => f.Vector).Distinct(StringComparer.Ordinal).Where(v => CvssCalculator.TryScore(v, out _)).ToList();

        var disagreements = await CompareAsync(vectors);

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements));

        // Every vector of the real feeds (OSV, NVD) is valid and was compared; claircore's error list is not.
        Assert.True(real.Count >= 15, $"only {real.Count} real v4 vectors found");
        Assert.All(real, v => Assert.Contains(v, vectors));
    }

    [Fact]
    public async Task TryScore_GeneratedVectorsWithThreatAndEnvironmentalMetrics_AgreeWithAeCvssCalculator()
    {
        var random = new Random(20261206);
        var vectors = new HashSet<string>(StringComparer.Ordinal);
        while (vectors.Count < 20_000)
        {
            var vector = new StringBuilder("CVSS:4.0");
            foreach (var (name, values) in Base)
            {
                vector.Append('/').Append(name).Append(':').Append(values[random.Next(values.Length)]);
            }

            // Half the vectors are CVSS-B; the others carry a random choice of the optional metrics.
            var optionalShare = random.Next(2) == 0 ? 0 : random.Next(1, 4);
            foreach (var (name, values) in Optional)
            {
                if (optionalShare > 0 && random.Next(4) < optionalShare)
                {
                    vector.Append('/').Append(name).Append(':').Append(values[random.Next(values.Length)]);
                }
            }

            vectors.Add(vector.ToString());
        }

        var list = vectors.ToList();
        Assert.All(list, v => Assert.True(CvssCalculator.TryScore(v, out _), v));

        var disagreements = await CompareAsync(list);

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {list.Count} disagreements:\n" + string.Join("\n", disagreements.Take(40)));
    }

    private static List<(string File, string Vector)> TestDataVectors()
    {
        var found = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.SharedTestData, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(file).Length > 20_000_000)
            {
                continue;
            }

            var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            foreach (Match match in V4Vector().Matches(text))
            {
                found.Add((Path.GetRelativePath(TestPaths.SharedTestData, file), match.Value));
            }
        }

        return found;
    }

    private static async Task<List<string>> CompareAsync(List<string> vectors)
    {
        var answers = await CvssOracle.ScoreV4Async(vectors);
        var disagreements = new List<string>();
        for (var i = 0; i < vectors.Count; i++)
        {
            CvssCalculator.TryScore(vectors[i], out var ours);
            var theirs = answers[i];
            if (theirs != ours.ToString(CultureInfo.InvariantCulture))
            {
                disagreements.Add($"{vectors[i]}: ae-cvss-calculator {theirs}, ours {ours.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return disagreements;
    }

    [GeneratedRegex(@"CVSS:4\.0(/[A-Za-z]+:[A-Za-z]+)+")]
    private static partial Regex V4Vector();
}
