using System.Globalization;
using System.Text.Json;
using Drydock.Ecosystems.AdvisoryFormats.Cvss;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Cvss;

/// <summary>CVSS v4.0 scores against claircore's upstream score and error lists.</summary>
public sealed class CvssV4CalculatorTests
{
    // claircore's v4 list: "vector score", the score of the vector as given (threat and environmental metrics included).
    public static TheoryData<string, double> UpstreamScores()
    {
        var data = new TheoryData<string, double>();
        foreach (var line in File.ReadLines(TestPaths.Shared("feeds", "cvss", "v4_score.list")))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && !fields[0].StartsWith('#'))
            {
                data.Add(fields[0], double.Parse(fields[1], CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    // claircore's v4 error list: every line is an invalid v4.0 vector (one is v3.1) but the one marked "#OK".
    public static TheoryData<string, bool> UpstreamErrors()
    {
        var data = new TheoryData<string, bool>();
        foreach (var line in File.ReadLines(TestPaths.Shared("feeds", "cvss", "v4_error.list")).Where(l => l.Length > 0))
        {
            var valid = line.EndsWith("#OK", StringComparison.Ordinal);
            data.Add(valid ? line[..line.IndexOf(' ', StringComparison.Ordinal)] : line, valid);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UpstreamScores))]
    public void TryScore_UpstreamV4Vector_GivesUpstreamScore(string vector, double expected)
    {
        Assert.True(CvssCalculator.TryScore(vector, out var score), vector);
        Assert.Equal(expected, score);
    }

    [Theory]
    [MemberData(nameof(UpstreamErrors))]
    public void TryScore_UpstreamErrorList_RejectsExactlyTheInvalidVectors(string vector, bool valid)
    {
        Assert.Equal(valid, CvssV4Calculator.TryScore(vector, out var score));
        Assert.True(double.IsFinite(score));
    }

    [Fact]
    public void TryScore_UpstreamRoundtripVectors_AreAllScoredWithinZeroToTen()
    {
        var vectors = File.ReadLines(TestPaths.Shared("feeds", "cvss", "v4_roundtrip.list")).Where(l => l.StartsWith("CVSS:4.0/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(vectors);
        Assert.All(vectors, vector =>
        {
            Assert.True(CvssCalculator.TryScore(vector, out var score), vector);
            Assert.InRange(score, 0, 10);
        });
    }

    [Fact]
    public void TryScore_NvdRecordsV4Vectors_GiveTheScoreNvdStates()
    {
        // NVD states a score beside each vector (the NVD 2.0 records in the shared data): a second, independent answer.
        var stated = new List<(string Vector, double Score)>();
        foreach (var file in Directory.GetFiles(TestPaths.Shared("feeds", "nvd"), "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Collect(document.RootElement, stated);
        }

        Assert.NotEmpty(stated);
        Assert.All(stated, s =>
        {
            Assert.True(CvssCalculator.TryScore(s.Vector, out var score), s.Vector);
            Assert.Equal(s.Score, score);
        });
    }

    private static void Collect(JsonElement element, List<(string, double)> stated)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("vectorString", out var vector) && vector.GetString() is { } text && text.StartsWith("CVSS:4.0/", StringComparison.Ordinal)
                && element.TryGetProperty("baseScore", out var score))
            {
                stated.Add((text, score.GetDouble()));
            }

            foreach (var property in element.EnumerateObject())
            {
                Collect(property.Value, stated);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, stated);
            }
        }
    }

    [Fact]
    public void MacroVectorScores_Table_HoldsTheSpecificationsTwoHundredSeventyMacroVectors()
    {
        Assert.Equal(270, CvssV4MacroVectorScores.Count);
        Assert.Equal(10, CvssV4MacroVectorScores.Of("000000"));
        Assert.Equal(0.1, CvssV4MacroVectorScores.Of("212221"));
        Assert.True(double.IsNaN(CvssV4MacroVectorScores.Of("300000")));
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSS-B")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/S:P", "CVSS-B")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", "CVSS-BT")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:L", "CVSS-BE")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/CR:L", "CVSS-BTE")]
    public void Nomenclature_Version4Vector_NamesTheMetricGroupsScored(string vector, string expected)
    {
        Assert.Equal(expected, new CvssScore("4.0", vector, 0, "test").Nomenclature);
    }

    [Fact]
    public void Nomenclature_Version3Vector_IsNull()
    {
        Assert.Null(new CvssScore("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "test").Nomenclature);
    }
}
