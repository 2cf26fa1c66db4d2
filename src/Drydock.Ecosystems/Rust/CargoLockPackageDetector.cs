using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Rust;

/// <summary>
/// <c>Cargo.lock</c>, format versions 1 to 4: one <c>[[package]]</c> table per crate with <c>name</c>,
/// <c>version</c> and, for crates that come from somewhere (a registry, git), <c>source</c>. Crates without
/// a source are the workspace's own members and path dependencies: local code, not published crates,
/// and left out. Only those top-level keys are read, so a small line reader suffices.
/// </summary>
internal sealed class CargoLockPackageDetector : IPackageDetector
{
    public string Name => "rust-cargo-lock";

    public int Version => 1;

    public bool IsCandidate(string path) => path == "Cargo.lock" || path.EndsWith("/Cargo.lock", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await file.ReadAllBytesAsync(Crates.MaxFileBytes, cancellationToken));
        var packages = new List<Package>();
        Dictionary<string, string>? table = null;
        var sawTable = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('['))
            {
                Flush(file.Path, table, packages, context);
                sawTable = true;
                table = line == "[[package]]" ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (table is null || equals <= 0 || line[0] == '#')
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (key is "name" or "version" or "source" && value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                table[key] = value[1..^1];
            }
        }

        Flush(file.Path, table, packages, context);
        if (!sawTable && text.Trim().Length > 0)
        {
            throw new InvalidDataException($"{file.Path} has no TOML tables; it is not a Cargo.lock.");
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }

    private static void Flush(string path, Dictionary<string, string>? table, List<Package> packages, DetectionContext context)
    {
        if (table is null || !table.ContainsKey("source"))
        {
            return;
        }

        if (!table.TryGetValue("name", out var name) || !table.TryGetValue("version", out var version))
        {
            context.Warn($"{path}: a [[package]] table has no name or version; skipped.");
            return;
        }

        packages.Add(Crates.Create(name, version, path));
    }
}
