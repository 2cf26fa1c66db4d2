using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Php;

/// <summary>Builds Composer package records from the package objects composer.lock and installed.json share.</summary>
internal static class ComposerPackages
{
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The vendor folder next to a composer.lock (Composer's default vendor-dir).</summary>
    public static string VendorNextTo(string lockPath)
    {
        var slash = lockPath.LastIndexOf('/');
        return slash < 0 ? "vendor" : $"{lockPath[..slash]}/vendor";
    }

    /// <summary>Reads <c>{"name": "vendor/package", "version": "v1.2.3"}</c> objects; a package without
    /// both is skipped with a warning. Each is installed in <c><paramref name="vendorDirectory"/>/vendor/package</c>.</summary>
    public static void Read(JsonElement array, string filePath, string vendorDirectory, Func<string, bool> isDevelopment, List<Package> packages, DetectionContext context)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var entry in array.EnumerateArray())
        {
            var name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out var n) ? n.GetString() : null;
            var version = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("version", out var v) ? v.GetString() : null;
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                context.Warn($"{filePath}: a package has no name or version; skipped.");
                continue;
            }

            var slash = name.IndexOf('/', StringComparison.Ordinal);
            packages.Add(new Package
            {
                Ecosystem = EcosystemKeys.Composer,
                Name = name,
                Version = version,
                Purl = PackageUrl.Create(EcosystemKeys.Composer, slash > 0 ? name[..slash] : null, slash > 0 ? name[(slash + 1)..] : name, version),
                FilePath = filePath,
                Development = isDevelopment(name),
                InstallPath = vendorDirectory.Length == 0 ? name : $"{vendorDirectory}/{name}",
            });
        }
    }
}
