using Drydock.Ecosystems.Tests.Versioning;

namespace Drydock.Ecosystems.Tests.PackageManagers;

/// <summary>
/// Ascending lists and seed versions from the upstream comparison files. The osv-scanner
/// "generated" files list each package's versions in the reference tool's order as consecutive
/// <c>A B -1</c> lines, so a run of lines where one line's B is the next line's A is an ascending chain.
/// </summary>
public static class OrderedVectors
{
    /// <summary>The longest strictly ascending chain in <paramref name="fileName"/>, cut to <paramref name="max"/> versions.</summary>
    public static IReadOnlyList<string> LongestChain(string fileName, int max)
    {
        var best = new List<string>();
        var current = new List<string>();
        foreach (var row in VersionVectors.Rows(fileName))
        {
            if (row[2] != "-1" || current.Count == 0 || current[^1] != row[0])
            {
                if (current.Count > best.Count)
                {
                    best = current;
                }

                current = row[2] == "-1" ? [row[0], row[1]] : [];
                continue;
            }

            current.Add(row[1]);
        }

        if (current.Count > best.Count)
        {
            best = current;
        }

        return best.Take(max).ToList();
    }

    /// <summary>Every distinct version string in the given comparison files, in file order.</summary>
    public static IReadOnlyList<string> Seeds(params string[] fileNames) =>
        fileNames.SelectMany(VersionVectors.Rows).SelectMany(row => new[] { row[0], row[1] }).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
