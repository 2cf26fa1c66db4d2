using Drydock.Testing;

namespace Drydock.Server.Tests.Updates;

/// <summary>
/// A mirror directory laid out as the alpine-secdb source reads it (<c>secdb.alpinelinux.org/{branch}/{repo}.json</c>):
/// v3.10/main is one of the shared fixture files, every other branch and repository an empty secdb document.
/// </summary>
internal static class AlpineFeedMirror
{
    private static readonly string[] Branches =
        ["v3.10", "v3.11", "v3.12", "v3.13", "v3.14", "v3.15", "v3.16", "v3.17", "v3.18", "v3.19", "v3.20", "v3.21", "v3.22", "edge"];

    /// <summary>Writes the mirror with <paramref name="mainFixture"/> (a file of ../shared/testdata/feeds/alpine-secdb/v3.10) as v3.10/main.</summary>
    public static void Write(string root, string mainFixture)
    {
        foreach (var branch in Branches)
        {
            foreach (var repository in new[] { "main", "community" })
            {
                var path = Path.Combine(root, "secdb.alpinelinux.org", branch, $"{repository}.json");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (branch == "v3.10" && repository == "main")
                {
                    File.Copy(TestPaths.Shared("feeds", "alpine-secdb", "v3.10", mainFixture), path, overwrite: true);
                }
                else
                {
                    File.WriteAllText(path, $$"""{"distroversion": "{{branch}}", "reponame": "{{repository}}", "packages": []}""");
                }
            }
        }
    }
}
