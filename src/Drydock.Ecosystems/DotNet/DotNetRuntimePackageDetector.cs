using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.DotNet;

/// <summary>
/// The .NET runtime itself: each shared framework of any dotnet root (<c>…/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>,
/// <c>Microsoft.AspNetCore.App</c>, <c>Microsoft.WindowsDesktop.App</c>), whether installed by a package
/// manager or copied in (the official images copy it to /usr/share/dotnet). It is read from the
/// framework's own deps.json, which names its runtime pack (<c>Microsoft.NETCore.App.Runtime.linux-x64</c>).
/// That NuGet name is what GitHub's advisories for .NET runtime vulnerabilities list, so the runtime is
/// reported as that NuGet package at the framework folder's version (docs/adr/0003).
/// </summary>
internal sealed class DotNetRuntimePackageDetector : IPackageDetector
{
    public string Name => "dotnet-runtime";

    public int Version => 1;

    public bool IsCandidate(string path) =>
        path.EndsWith(".deps.json", StringComparison.Ordinal) && NuGetPackages.TryParseSharedFrameworkManifest(path, out _, out _);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!NuGetPackages.TryParseSharedFrameworkManifest(file.Path, out var framework, out var version))
        {
            yield break;
        }

        var bytes = await file.ReadAllBytesAsync(NuGetPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        string? name = null;
        if (document.RootElement.TryGetProperty("libraries", out var libraries) && libraries.ValueKind == JsonValueKind.Object)
        {
            var prefix = framework + ".Runtime.";
            name = libraries.EnumerateObject()
                .Select(library => library.Name.Split('/')[0])
                .FirstOrDefault(library => library.StartsWith(prefix, StringComparison.Ordinal));
        }

        if (name is null && document.RootElement.TryGetProperty("runtimeTarget", out var target)
            && target.TryGetProperty("name", out var targetName) && targetName.GetString() is { } moniker
            && moniker.LastIndexOf('/') is var slash and > 0)
        {
            name = $"{framework}.Runtime.{moniker[(slash + 1)..]}";
        }

        yield return NuGetPackages.Create(name ?? framework, version, file.Path);
    }
}
