using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Npm;

/// <summary>
/// <c>package-lock.json</c> and <c>npm-shrinkwrap.json</c>, lockfile versions 1 to 3. Version 2 and 3
/// list every installed folder under <c>packages</c> (keys <c>node_modules/a/node_modules/b</c>); version 1
/// nests <c>dependencies</c>. Lockfiles inside node_modules (npm's hidden <c>.package-lock.json</c>,
/// published shrinkwraps) describe installed folders the node_modules detector already reads.
/// </summary>
internal sealed class PackageLockPackageDetector : IPackageDetector
{
    private const string NodeModulesPrefix = "node_modules/";

    public string Name => "npm-package-lock";

    public int Version => 2;

    public bool IsCandidate(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = path.AsSpan(slash + 1);
        return (name.SequenceEqual("package-lock.json") || name.SequenceEqual("npm-shrinkwrap.json"))
            && !path.Contains("node_modules/", StringComparison.Ordinal);
    }

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(NpmPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file.Path} is not a JSON object.");
        }

        var packages = new List<Package>();
        if (root.TryGetProperty("packages", out var folders) && folders.ValueKind == JsonValueKind.Object)
        {
            ReadPackages(file.Path, folders, packages, context);
        }
        else if (root.TryGetProperty("dependencies", out var dependencies) && dependencies.ValueKind == JsonValueKind.Object)
        {
            ReadDependencies(file.Path, dependencies, "node_modules/", packages, context);
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }

    // Lockfile v2/v3: one entry per installed folder; links point at workspace folders, listed themselves.
    private static void ReadPackages(string path, JsonElement folders, List<Package> packages, DetectionContext context)
    {
        foreach (var folder in folders.EnumerateObject())
        {
            var key = folder.Name;
            var index = key.LastIndexOf(NodeModulesPrefix, StringComparison.Ordinal);
            if (index < 0 || folder.Value.ValueKind != JsonValueKind.Object)
            {
                continue; // the root project or a workspace folder, not an installed dependency
            }

            var entry = folder.Value;
            if (GetBool(entry, "link"))
            {
                continue;
            }

            var name = GetString(entry, "name") ?? key[(index + NodeModulesPrefix.Length)..];
            var version = GetString(entry, "version");
            if (string.IsNullOrEmpty(version) || !NpmPackages.IsPlausibleName(name))
            {
                context.Warn($"{path}: entry '{key}' has no version; skipped.");
                continue;
            }

            packages.Add(NpmPackages.Create(name, version, path, GetBool(entry, "dev"), NpmPackages.InstallPathNextTo(path, key)));
        }
    }

    // Lockfile v1: nested dependencies; an alias is written as version "npm:real-name@1.2.3";
    // git, file and link dependencies have a URL as version and no registry version to match.
    // Each dependency is installed in the node_modules folder of the one that nests it (the project's at the top).
    private static void ReadDependencies(string path, JsonElement dependencies, string folder, List<Package> packages, DetectionContext context)
    {
        foreach (var dependency in dependencies.EnumerateObject())
        {
            var entry = dependency.Value;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var name = dependency.Name;
            var version = GetString(entry, "version");
            if (string.IsNullOrEmpty(version))
            {
                context.Warn($"{path}: dependency '{name}' has no version; skipped.");
            }
            else if (version.StartsWith("npm:", StringComparison.Ordinal))
            {
                var (realName, realVersion) = NpmPackages.SplitSpecifier(version[4..]);
                packages.Add(NpmPackages.Create(realName, realVersion, path, GetBool(entry, "dev"), NpmPackages.InstallPathNextTo(path, folder + name)));
            }
            else if (!version.Contains(':', StringComparison.Ordinal))
            {
                packages.Add(NpmPackages.Create(name, version, path, GetBool(entry, "dev"), NpmPackages.InstallPathNextTo(path, folder + name)));
            }

            if (entry.TryGetProperty("dependencies", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                ReadDependencies(path, nested, $"{folder}{name}/node_modules/", packages, context);
            }
        }
    }

    private static string? GetString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool GetBool(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;
}
