using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.DotNet;

/// <summary>
/// NuGet's <c>packages.lock.json</c> (versions 1 and 2): per target framework, each package with its
/// <c>resolved</c> version. Project references are not packages; a package locked for several target
/// frameworks at one version is reported once.
/// </summary>
internal sealed class PackagesLockPackageDetector : IPackageDetector
{
    public string Name => "nuget-packages-lock";

    public int Version => 1;

    public bool IsCandidate(string path) =>
        path == "packages.lock.json" || path.EndsWith("/packages.lock.json", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(NuGetPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        if (!document.RootElement.TryGetProperty("dependencies", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file.Path} has no dependencies object; it is not a NuGet lock file.");
        }

        var seen = new HashSet<(string, string)>();
        var packages = new List<Package>();
        foreach (var framework in frameworks.EnumerateObject())
        {
            foreach (var dependency in framework.Value.EnumerateObject())
            {
                var entry = dependency.Value;
                var type = entry.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
                if (type == "Project")
                {
                    continue;
                }

                if (!entry.TryGetProperty("resolved", out var resolved) || resolved.ValueKind != JsonValueKind.String)
                {
                    context.Warn($"{file.Path}: '{dependency.Name}' ({framework.Name}) has no resolved version; skipped.");
                    continue;
                }

                if (seen.Add((dependency.Name.ToLowerInvariant(), resolved.GetString()!)))
                {
                    packages.Add(NuGetPackages.Create(dependency.Name, resolved.GetString()!, file.Path));
                }
            }
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }
}
