using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.PyPI;

/// <summary><c>Pipfile.lock</c> (pipenv): JSON with <c>default</c> and <c>develop</c> sections of
/// <c>"name": {"version": "==1.2.3"}</c>; the develop section is development-only.</summary>
internal sealed class PipfileLockPackageDetector : IPackageDetector
{
    public string Name => "python-pipfile-lock";

    public int Version => 1;

    public bool IsCandidate(string path) => path == "Pipfile.lock" || path.EndsWith("/Pipfile.lock", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(PythonPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        var packages = new List<Package>();
        foreach (var (section, development) in new[] { ("default", false), ("develop", true) })
        {
            if (!document.RootElement.TryGetProperty(section, out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var entry in entries.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Object
                    || !entry.Value.TryGetProperty("version", out var versionElement)
                    || versionElement.ValueKind != JsonValueKind.String)
                {
                    continue; // git, path and editable entries have no registry version
                }

                var version = versionElement.GetString()!;
                if (!version.StartsWith("==", StringComparison.Ordinal))
                {
                    context.Warn($"{file.Path}: '{entry.Name}' has version '{version}', not an exact pin; skipped.");
                    continue;
                }

                packages.Add(PythonPackages.Create(entry.Name, version.TrimStart('='), file.Path, development));
            }
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }
}
