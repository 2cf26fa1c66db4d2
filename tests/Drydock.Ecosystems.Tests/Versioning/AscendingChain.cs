namespace Drydock.Ecosystems.Tests.Versioning;

/// <summary>Builds an ascending version chain from a generated osv-scanner file, whose consecutive rows compare a
/// version with the next one.</summary>
internal static class AscendingChain
{
    public static IReadOnlyList<string> From(string file, int count)
    {
        var chain = new List<string>();
        foreach (var row in VersionVectors.Rows(file))
        {
            if (row[2] != "-1")
            {
                continue;
            }

            if (chain.Count == 0)
            {
                chain.Add(row[0]);
            }

            if (chain[^1] == row[0])
            {
                chain.Add(row[1]);
                if (chain.Count >= count)
                {
                    break;
                }
            }
        }

        return chain;
    }
}
