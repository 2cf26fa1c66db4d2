using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Drydock.Testing.Feeds;

/// <summary>
/// An OSV export mirror laid out like its bucket (<c>{root}/osv-vulnerabilities.storage.googleapis.com/{ecosystem}/all.zip</c>,
/// the layout of <c>drydock db update --from DIR</c>), the zip holding the shared test data's real records.
/// </summary>
public static class OsvFeedMirror
{
    /// <summary>The real RustSec records (OSV, 20 of them with a CVSS_V4 severity).</summary>
    public static string RustSecFolder => TestPaths.Shared("feeds", "osv", "rust");

    /// <summary>The real Go vulnerability database records.</summary>
    public static string GoFolder => TestPaths.Shared("feeds", "osv", "go");

    /// <summary>Writes <paramref name="ecosystem"/>'s all.zip from every JSON file in <paramref name="folder"/>, plus <paramref name="extra"/> entries.</summary>
    public static void Write(string root, string ecosystem, string folder, params (string Name, string Json)[] extra)
    {
        var zip = Path.Combine(root, "osv-vulnerabilities.storage.googleapis.com", ecosystem, "all.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(zip)!);
        File.Delete(zip);
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            archive.CreateEntryFromFile(file, Path.GetFileName(file));
        }

        foreach (var (name, json) in extra)
        {
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(json);
        }
    }

    /// <summary>
    /// A real RustSec record that carries a CVSS_V4 severity, re-issued under another id with a number where OSV
    /// wants a string alias: the parser fails on it with an exception that is not a malformed-record error.
    /// </summary>
    public static (string Name, string Json) BrokenRustSecRecord()
    {
        var file = Directory.GetFiles(RustSecFolder, "*.json").Order(StringComparer.Ordinal)
            .First(f => File.ReadAllText(f).Contains("CVSS_V4", StringComparison.Ordinal));
        var record = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        record["id"] = "RUSTSEC-0000-0001";
        record["aliases"] = new JsonArray(42);
        return ("RUSTSEC-0000-0001.json", record.ToJsonString());
    }
}
