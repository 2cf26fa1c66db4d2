using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Versioning;

/// <summary>Reads the upstream version vectors in ../shared/testdata/versions (format in its README).</summary>
public static class VersionVectors
{
    /// <summary>Every line of a TSV file, split on TAB. Empty fields are kept (some vectors compare empty strings).</summary>
    public static IReadOnlyList<string[]> Rows(string fileName) =>
        [.. File.ReadLines(TestPaths.Shared("versions", fileName)).Where(l => l.Length > 0).Select(l => l.Split('\t'))];

    /// <summary>Comparison vectors <c>A, B, expected</c> as xunit theory data, with the line number for reference.</summary>
    public static TheoryData<int, string, string, int> Comparisons(string fileName)
    {
        var data = new TheoryData<int, string, string, int>();
        var line = 0;
        foreach (var row in Rows(fileName))
        {
            line++;
            data.Add(line, row[0], row[1], int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    /// <summary>One version string per line (the *.txt files).</summary>
    public static IReadOnlyList<string> Lines(string fileName) =>
        [.. File.ReadLines(TestPaths.Shared("versions", fileName)).Where(l => l.Length > 0)];
}
