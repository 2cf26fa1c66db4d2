using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Php;

/// <summary>
/// What Composer installed into a vendor folder: <c>vendor/composer/installed.json</c>, either Composer 1's
/// array of packages or Composer 2's <c>{"packages": […], "dev-package-names": […]}</c>, whose
/// dev-package-names mark the development-only packages.
/// </summary>
internal sealed class ComposerInstalledPackageDetector : IPackageDetector
{
    private const string Suffix = "vendor/composer/installed.json";

    public string Name => "php-composer-installed";

    public int Version => 2;

    public bool IsCandidate(string path) =>
        path.EndsWith(Suffix, StringComparison.Ordinal) && (path.Length == Suffix.Length || path[^(Suffix.Length + 1)] == '/');

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(ComposerPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var found = new List<Package>();

        // vendor/composer/installed.json: its packages are installed in vendor/<name>.
        var vendor = file.Path[..^"/composer/installed.json".Length];
        if (root.ValueKind == JsonValueKind.Array)
        {
            ComposerPackages.Read(root, file.Path, vendor, _ => false, found, context);
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("packages", out var packages))
        {
            var development = root.TryGetProperty("dev-package-names", out var names) && names.ValueKind == JsonValueKind.Array
                ? names.EnumerateArray().Select(n => n.GetString()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase)
                : [];
            ComposerPackages.Read(packages, file.Path, vendor, development.Contains, found, context);
        }
        else
        {
            throw new InvalidDataException($"{file.Path} is neither a package array nor an object with packages.");
        }

        foreach (var package in found)
        {
            yield return package;
        }
    }
}
