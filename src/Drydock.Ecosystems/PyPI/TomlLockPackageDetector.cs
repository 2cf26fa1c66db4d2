using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.PyPI;

/// <summary>
/// The TOML lockfiles of Poetry (<c>poetry.lock</c>) and uv (<c>uv.lock</c>): both list one
/// <c>[[package]]</c> table per locked distribution with <c>name</c> and <c>version</c> keys. Only those
/// top-level keys of each table are read, so a small line reader suffices. Poetry before 1.5 marks
/// development-only packages with <c>category = "dev"</c>; later Poetry and uv keep groups in
/// pyproject.toml, so there nothing is marked. uv's own project (<c>source = { editable | virtual |
/// directory = … }</c>) is not a registry package and is skipped.
/// </summary>
internal sealed class TomlLockPackageDetector(string name, string fileName) : IPackageDetector
{
    private readonly string _suffix = "/" + fileName;

    public static TomlLockPackageDetector Poetry { get; } = new("python-poetry-lock", "poetry.lock");

    public static TomlLockPackageDetector Uv { get; } = new("python-uv-lock", "uv.lock");

    public string Name { get; } = name;

    public int Version => 1;

    public bool IsCandidate(string path) =>
        path.EndsWith(_suffix, StringComparison.Ordinal) || path.AsSpan().SequenceEqual(_suffix.AsSpan(1));

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await file.ReadAllBytesAsync(PythonPackages.MaxFileBytes, cancellationToken));
        var packages = new List<Package>();
        Dictionary<string, string>? table = null;
        var sawTable = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('['))
            {
                Flush(file.Path, table, packages, context);
                table = null;
                sawTable = true;
                if (line == "[[package]]")
                {
                    table = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                continue;
            }

            if (table is null || line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue; // the continuation of a multi-line array or string
            }

            var key = line[..equals].Trim();
            if (key is "name" or "version" or "category" or "source")
            {
                table[key] = line[(equals + 1)..].Trim();
            }
        }

        Flush(file.Path, table, packages, context);
        if (!sawTable && text.Trim().Length > 0)
        {
            throw new InvalidDataException($"{file.Path} has no TOML tables; it is not a lockfile.");
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }

    private static void Flush(string path, Dictionary<string, string>? table, List<Package> packages, DetectionContext context)
    {
        if (table is null)
        {
            return;
        }

        var source = table.GetValueOrDefault("source") ?? string.Empty;
        if (source.Contains("editable", StringComparison.Ordinal) || source.Contains("virtual", StringComparison.Ordinal)
            || source.Contains("directory", StringComparison.Ordinal))
        {
            return;
        }

        if (!TryUnquote(table.GetValueOrDefault("name"), out var name) || !TryUnquote(table.GetValueOrDefault("version"), out var version))
        {
            context.Warn($"{path}: a [[package]] table has no quoted name and version; skipped.");
            return;
        }

        var development = TryUnquote(table.GetValueOrDefault("category"), out var category) && category == "dev";
        packages.Add(PythonPackages.Create(name, version, path, development));
    }

    private static bool TryUnquote(string? value, out string result)
    {
        result = string.Empty;
        if (value is null || value.Length < 2 || value[0] is not ('"' or '\'') || value[^1] != value[0])
        {
            return false;
        }

        result = value[1..^1];
        return result.Length > 0;
    }
}
