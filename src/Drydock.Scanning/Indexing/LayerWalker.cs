using Drydock.Oci.Layers;
using Drydock.Oci.Sources;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// One streaming pass over one layer: normalises paths, records whiteouts and links, and hands each
/// regular file only to the detectors whose <c>IsCandidate</c> accepted its path. A file wanted by one
/// package detector streams straight from the tar; a file wanted by several is buffered (bounded).
/// A detector that throws becomes a warning naming the file and the detector.
/// </summary>
internal sealed class LayerWalker(
    IReadOnlyList<IPackageDetector> packageDetectors,
    IReadOnlyList<IDistributionDetector> distributionDetectors,
    IndexerOptions options)
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    public async Task<LayerResult> WalkAsync(IImageSource source, ImageLayer layer, CancellationToken cancellationToken)
    {
        var digest = layer.Digest.ToString();
        var files = new List<DetectedFile>();
        var releases = new Dictionary<string, ReleaseFile>(StringComparer.Ordinal);
        var links = new List<LayerLink>();
        var whiteouts = new List<string>();
        var opaque = new List<string>();
        var warnings = new WarningCollector(digest, options.MaxWarningsPerLayer);
        var packageCount = new PackageCounter(digest, options.MaxPackagesPerLayer);
        var candidates = new List<IPackageDetector>(4);

        await foreach (var entry in source.ReadLayerAsync(layer, options.Limits, cancellationToken))
        {
            if (!LayerPath.TryNormalize(entry.Name, out var path, out var warning))
            {
                warnings.Add($"layer {digest}: {warning}");
                continue;
            }

            if (warning is not null)
            {
                warnings.Add($"layer {digest}: {warning}");
            }

            if (path.Length == 0)
            {
                continue;
            }

            var slash = path.LastIndexOf('/');
            var baseName = slash < 0 ? path : path[(slash + 1)..];
            if (baseName.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                var parent = slash < 0 ? string.Empty : path[..slash];
                if (baseName == OpaqueMarker)
                {
                    opaque.Add(parent);
                }
                else
                {
                    var name = baseName[WhiteoutPrefix.Length..];
                    whiteouts.Add(parent.Length == 0 ? name : $"{parent}/{name}");
                }

                continue;
            }

            candidates.Clear();
            foreach (var detector in packageDetectors)
            {
                if (detector.IsCandidate(path))
                {
                    candidates.Add(detector);
                }
            }

            var wantsRelease = false;
            foreach (var detector in distributionDetectors)
            {
                if (detector.IsCandidate(path))
                {
                    wantsRelease = true;
                    break;
                }
            }

            if (candidates.Count == 0 && !wantsRelease)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case LayerEntryKind.SymbolicLink:
                    links.Add(new LayerLink(path, entry.LinkName ?? string.Empty));
                    break;
                case LayerEntryKind.HardLink:
                    CopyHardLink(path, entry.LinkName, digest, files, releases, candidates, warnings);
                    break;
                case LayerEntryKind.File:
                    await ReadFileAsync(entry, path, digest, candidates, wantsRelease, files, releases, warnings, packageCount, cancellationToken);
                    break;
                default:
                    break;
            }
        }

        return new LayerResult
        {
            LayerDigest = digest,
            Files = files,
            ReleaseFiles = [.. releases.Values],
            Links = links,
            Whiteouts = whiteouts,
            OpaqueDirectories = opaque,
            Warnings = warnings.ToList(),
        };
    }

    private static void CopyHardLink(
        string path,
        string? target,
        string digest,
        List<DetectedFile> files,
        Dictionary<string, ReleaseFile> releases,
        List<IPackageDetector> candidates,
        WarningCollector warnings)
    {
        // A hard link names an earlier entry of the same layer; its content is that entry's content.
        if (target is null || !LayerPath.TryNormalize(target, out var targetPath, out _) || targetPath.Length == 0)
        {
            warnings.Add($"layer {digest}: hard link {path} has an unusable target '{target}'");
            return;
        }

        var found = false;
        if (releases.TryGetValue(targetPath, out var release))
        {
            releases[path] = release with { Path = path };
            found = true;
        }

        foreach (var file in files.Where(f => f.Path == targetPath && candidates.Any(c => c.Name == f.Detector)).ToList())
        {
            files.Add(file with { Path = path, Packages = [.. file.Packages.Select(p => p with { FilePath = path, InstallPath = Rebase(p.InstallPath, targetPath, path) })] });
            found = true;
        }

        if (!found && candidates.Count > 0)
        {
            warnings.Add($"layer {digest}: hard link {path} → {targetPath}: the target was not read by the detectors, so {path} was skipped");
        }
    }

    // An install location the detector derived from the target's folder lies at the same place under the link's folder.
    private static string? Rebase(string? installPath, string targetPath, string linkPath)
    {
        var from = targetPath.LastIndexOf('/') is var a and >= 0 ? targetPath[..(a + 1)] : string.Empty;
        var to = linkPath.LastIndexOf('/') is var b and >= 0 ? linkPath[..(b + 1)] : string.Empty;
        if (installPath is null || !(installPath + "/").StartsWith(from, StringComparison.Ordinal))
        {
            return installPath;
        }

        return (to + (installPath + "/")[from.Length..]).TrimEnd('/');
    }

    private async Task ReadFileAsync(
        LayerEntry entry,
        string path,
        string digest,
        List<IPackageDetector> candidates,
        bool wantsRelease,
        List<DetectedFile> files,
        Dictionary<string, ReleaseFile> releases,
        WarningCollector warnings,
        PackageCounter packageCount,
        CancellationToken cancellationToken)
    {
        byte[]? buffered = null;
        if (wantsRelease && entry.Size <= options.MaxReleaseFileBytes)
        {
            buffered = await ReadAllAsync(entry, cancellationToken);
            releases[path] = new ReleaseFile(path, buffered);
        }
        else if (wantsRelease && candidates.Count == 0)
        {
            // Skipping it would report a Success with no distribution, so nothing matched: stop instead.
            throw new LayerException(
                $"Layer {digest}: {path} is {entry.Size} bytes, more than the {options.MaxReleaseFileBytes} bytes of a release file; the scan stopped.");
        }

        if (candidates.Count == 0)
        {
            return;
        }

        if (buffered is null && candidates.Count > 1)
        {
            if (entry.Size > options.MaxSharedFileBytes)
            {
                // Skipping it would report a Success missing whatever the file lists: stop instead.
                throw new LayerException(
                    $"Layer {digest}: {path} is {entry.Size} bytes, more than the {options.MaxSharedFileBytes} bytes buffered for several detectors; the scan stopped.");
            }

            buffered = await ReadAllAsync(entry, cancellationToken);
        }

        foreach (var detector in candidates)
        {
            Stream content;
            if (buffered is not null)
            {
                content = new MemoryStream(buffered, writable: false);
            }
            else
            {
                content = entry.OpenContent();
            }

            await using (content)
            {
                files.Add(await DetectAsync(detector, new LayerFile(path, entry.Size, content, digest), digest, warnings, packageCount, cancellationToken));
            }
        }
    }

    private static async Task<DetectedFile> DetectAsync(
        IPackageDetector detector, LayerFile file, string digest, WarningCollector warnings, PackageCounter packageCount, CancellationToken cancellationToken)
    {
        var context = new DetectionContext();
        var packages = new List<Package>();
        var failed = false;
        try
        {
            await foreach (var package in detector.DetectAsync(file, context, cancellationToken))
            {
                packageCount.Add(detector.Name, file.Path);
                packages.Add(package with { Detector = detector.Name, FilePath = package.FilePath ?? file.Path, LayerDigest = null });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (LayerException)
        {
            // The layer itself is bad (bomb, corrupt stream): that ends the scan, not the detector.
            throw;
        }
        catch (InputLimitException e)
        {
            // An input past a detector's bound is not a warning: a scan that skipped it would report a
            // Success that is missing whatever the file held.
            throw new LayerException($"Layer {digest}: detector {detector.Name} stopped: {e.Message} The scan stopped.", e);
        }
#pragma warning disable CA1031 // A plug-in that fails on one input becomes a warning; the scan goes on (ARCHITECTURE.md §3).
        catch (Exception e)
#pragma warning restore CA1031
        {
            warnings.Add($"layer {digest}: detector {detector.Name} could not read {file.Path}: {e.Message}");
            packages.Clear();
            failed = true;
        }

        foreach (var message in context.Warnings)
        {
            warnings.Add($"layer {digest}: {detector.Name}: {message}");
        }

        warnings.AddDropped(context.DroppedWarnings);

        return new DetectedFile { Path = file.Path, Detector = detector.Name, Packages = packages, Failed = failed };
    }

    private static async Task<byte[]> ReadAllAsync(LayerEntry entry, CancellationToken cancellationToken)
    {
        await using var stream = entry.OpenContent();
        var buffer = new byte[entry.Size];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}
