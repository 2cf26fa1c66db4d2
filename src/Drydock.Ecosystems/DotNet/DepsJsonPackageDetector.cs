using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.DotNet;

/// <summary>
/// NuGet packages an application was built with, from its <c>*.deps.json</c>: every library of type
/// <c>package</c>, and the runtime pack of a self-contained app (type <c>runtimepack</c>, written
/// <c>runtimepack.Microsoft.NETCore.App.Runtime.linux-x64</c>), reported under the runtime pack's
/// NuGet name so that .NET runtime advisories match it. Projects and reference assemblies are not
/// packages. The deps.json of a shared framework itself belongs to <see cref="DotNetRuntimePackageDetector"/>.
/// </summary>
internal sealed class DepsJsonPackageDetector : IPackageDetector
{
    private const string RuntimePackPrefix = "runtimepack.";

    public string Name => "dotnet-deps";

    public int Version => 2;

    public bool IsCandidate(string path) =>
        path.EndsWith(".deps.json", StringComparison.Ordinal) && !NuGetPackages.TryParseSharedFrameworkManifest(path, out _, out _);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(NuGetPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file.Path} is not a JSON object.");
        }

        if (!document.RootElement.TryGetProperty("libraries", out var libraries) || libraries.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        var packages = new List<Package>();
        foreach (var library in libraries.EnumerateObject())
        {
            var type = library.Value.ValueKind == JsonValueKind.Object && library.Value.TryGetProperty("type", out var typeElement)
                ? typeElement.GetString()
                : null;
            if (type is not ("package" or "runtimepack"))
            {
                continue;
            }

            var slash = library.Name.LastIndexOf('/');
            if (slash <= 0 || slash == library.Name.Length - 1)
            {
                context.Warn($"{file.Path}: library '{library.Name}' is not name/version; skipped.");
                continue;
            }

            var name = library.Name[..slash];
            if (type == "runtimepack" && name.StartsWith(RuntimePackPrefix, StringComparison.Ordinal))
            {
                name = name[RuntimePackPrefix.Length..];
            }

            // What the application loads: a packages.lock.json naming the same version is evidence for it.
            packages.Add(NuGetPackages.Create(name, library.Name[(slash + 1)..], file.Path) with { InstallPath = file.Path });
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }
}
