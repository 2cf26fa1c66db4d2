using System.Runtime.CompilerServices;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.PackageManagers.Apk;

/// <summary>
/// Reads apk's installed database, <c>lib/apk/db/installed</c>, natively: one stanza per package of
/// single-letter fields (P name, V version, o origin, A architecture, L license, m maintainer), as
/// apk-tools' database format describes. One instance is shared by Alpine and Wolfi.
/// </summary>
internal sealed class ApkInstalledDetector : IPackageDetector
{
    public const string InstalledPath = "lib/apk/db/installed";

    /// <summary>The largest database read: it lists every installed file, so a large image's runs to
    /// tens of megabytes.</summary>
    public const long MaxDatabaseBytes = 256L << 20;

    /// <summary>The longest line read: a field is a name, a version or one file path.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>The shared instance (Alpine, Wolfi, Chainguard).</summary>
    public static ApkInstalledDetector Shared { get; } = new();

    public string Name => "apk-installed";

    public int Version => 1;

    public bool IsCandidate(string path) => path == InstalledPath;

    public async IAsyncEnumerable<Package> DetectAsync(LayerFile file, DetectionContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(context);
        using var reader = file.OpenLines(MaxDatabaseBytes, MaxLineChars);
        var fields = new Dictionary<char, string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null || line.Length == 0)
            {
                if (fields.Count > 0 && ToPackage(fields, file.Path, context) is { } package)
                {
                    yield return package;
                }

                fields.Clear();
                if (line is null)
                {
                    yield break;
                }

                continue;
            }

            // Only the first occurrence counts: later F:/R:/Z: records repeat per file.
            if (line.Length >= 2 && line[1] == ':')
            {
                fields.TryAdd(line[0], line[2..]);
            }
        }
    }

    private static Package? ToPackage(Dictionary<char, string> fields, string path, DetectionContext context)
    {
        if (!fields.TryGetValue('P', out var name) || name.Length == 0)
        {
            context.Warn($"{path}: an entry without a package name (P:) was skipped");
            return null;
        }

        if (!fields.TryGetValue('V', out var version) || version.Length == 0)
        {
            context.Warn($"{path}: package {name} has no version (V:); skipped");
            return null;
        }

        var architecture = fields.GetValueOrDefault('A');
        return new Package
        {
            Ecosystem = Scanning.Abstractions.Model.Ecosystems.Apk,
            Name = name,
            Version = version,
            SourceName = fields.GetValueOrDefault('o'),
            Architecture = architecture,
            License = fields.GetValueOrDefault('L'),
            Vendor = fields.GetValueOrDefault('m'),
            FilePath = path,
            // The engine sets the namespace to the distribution's and adds distro= once it is known.
            Purl = PackageUrl.Create(Scanning.Abstractions.Model.Ecosystems.Apk, "alpine", name, version, [new("arch", architecture)]),
        };
    }
}
