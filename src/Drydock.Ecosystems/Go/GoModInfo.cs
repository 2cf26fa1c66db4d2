using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Go;

/// <summary>
/// The module information text of a Go binary (what <c>go version -m</c> prints): tab-separated
/// <c>path</c>, <c>mod</c>, <c>dep</c> and <c>=&gt;</c> (replacement of the line before) lines.
/// </summary>
internal static class GoModInfo
{
    private const string Devel = "(devel)";

    public static List<Package> Parse(string goVersion, string modInfo, string filePath)
    {
        // The linker wraps the text in 16-byte sentinels (runtime/debug's modinfo start/end markers).
        if (modInfo.Length >= 33 && modInfo[^17] == '\n')
        {
            modInfo = modInfo[16..^16];
        }

        var modules = new List<(string Path, string Version)>();
        foreach (var line in modInfo.Split('\n'))
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "mod" or "dep" when fields.Length >= 3:
                    modules.Add((fields[1], fields[2]));
                    break;
                case "mod" or "dep" when fields.Length == 2:
                    modules.Add((fields[1], string.Empty));
                    break;
                case "=>" when fields.Length >= 2 && modules.Count > 0:
                    // A replacement by a local directory has no version; what is compiled in is that directory.
                    modules[^1] = (fields[1], fields.Length >= 3 ? fields[2] : string.Empty);
                    break;
            }
        }

        var packages = new List<Package>();
        var stdlib = StdlibVersion(goVersion);
        if (stdlib is not null)
        {
            packages.Add(Create("stdlib", stdlib, filePath));
        }

        foreach (var (path, version) in modules)
        {
            if (version.Length > 0 && version != Devel)
            {
                packages.Add(Create(path, version, filePath));
            }
        }

        return packages;
    }

    /// <summary>"go1.21.5" → "1.21.5"; "go1.22.0 X:boringcrypto" → "1.22.0"; "devel …" → null.</summary>
    public static string? StdlibVersion(string goVersion)
    {
        var version = goVersion.Split(' ', 2)[0];
        return version.StartsWith("go", StringComparison.Ordinal) && version.Length > 2 && char.IsAsciiDigit(version[2]) ? version[2..] : null;
    }

    private static Package Create(string path, string version, string filePath)
    {
        var slash = path.LastIndexOf('/');
        return new Package
        {
            Ecosystem = EcosystemKeys.Go,
            Name = path,
            Version = version,
            Purl = PackageUrl.Create(EcosystemKeys.Go, slash > 0 ? path[..slash] : null, slash > 0 ? path[(slash + 1)..] : path, version),
            FilePath = filePath,
        };
    }
}
