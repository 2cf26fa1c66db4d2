using System.Globalization;
using Drydock.Ecosystems.AdvisoryFormats.Cvss;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Cvss;

public sealed class CvssCalculatorTests
{
    // claircore's score lists: "vector score # CVE". Only vectors with base metrics alone are used:
    // temporal and environmental metrics change the overall score, which is not what we compute.
    public static TheoryData<string, string, double> BaseVectors()
    {
        var data = new TheoryData<string, string, double>();
        foreach (var (file, baseCount) in new[] { ("v31_score.list", 9), ("v30_score.list", 9), ("v2_score.list", 6) })
        {
            foreach (var line in File.ReadLines(TestPaths.Shared("feeds", "cvss", file)))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || fields[0].StartsWith('#') || fields[0].Split('/').Length != baseCount)
                {
                    continue;
                }

                data.Add(file, fields[0], double.Parse(fields[1], CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BaseVectors))]
    public void TryScore_UpstreamBaseVector_GivesUpstreamScore(string file, string vector, double expected)
    {
        Assert.True(CvssCalculator.TryScore(vector, out var score), $"{file}: {vector}");
        Assert.Equal(expected, score, 1);
    }
}
