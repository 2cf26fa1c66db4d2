using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Php;

/// <summary><c>composer.lock</c>: <c>packages</c>, and <c>packages-dev</c> (development-only).</summary>
internal sealed class ComposerLockPackageDetector : IPackageDetector
{
    public string Name => "php-composer-lock";

    public int Version => 2;

    public bool IsCandidate(string path) =>
        (path == "composer.lock" || path.EndsWith("/composer.lock", StringComparison.Ordinal))
        && !path.Contains("/vendor/", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(ComposerPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("packages", out var packages))
        {
            throw new InvalidDataException($"{file.Path} has no packages array; it is not a composer.lock.");
        }

        var found = new List<Package>();
        var vendor = ComposerPackages.VendorNextTo(file.Path);
        ComposerPackages.Read(packages, file.Path, vendor, _ => false, found, context);
        if (document.RootElement.TryGetProperty("packages-dev", out var development))
        {
            ComposerPackages.Read(development, file.Path, vendor, _ => true, found, context);
        }

        foreach (var package in found)
        {
            yield return package;
        }
    }
}
