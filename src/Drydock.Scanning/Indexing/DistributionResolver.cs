using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// Recognises the distribution from the visible release files: detectors in priority order, each
/// over its candidate paths; symbolic links (/etc/os-release → ../usr/lib/os-release) are followed
/// inside the image root only.
/// </summary>
internal static class DistributionResolver
{
    private const int MaxLinkHops = 16;

    public static Distribution? Resolve(IReadOnlyList<IDistributionDetector> detectors, CoalescedImage image, List<string> warnings)
    {
        var paths = image.ReleaseFiles.Keys.Concat(image.Links.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var detector in detectors)
        {
            foreach (var path in paths.Where(detector.IsCandidate))
            {
                var content = Read(image, path, warnings);
                if (content is null)
                {
                    continue;
                }

                try
                {
                    if (detector.TryDetect(path, content, out var distribution))
                    {
                        return distribution;
                    }
                }
#pragma warning disable CA1031 // A plug-in that fails on one input becomes a warning; the scan goes on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    warnings.Add($"distribution detector {detector.Name} could not read {path}: {e.Message}");
                }
            }
        }

        return null;
    }

    private static byte[]? Read(CoalescedImage image, string path, List<string> warnings)
    {
        var current = path;
        for (var hop = 0; hop <= MaxLinkHops; hop++)
        {
            if (image.ReleaseFiles.TryGetValue(current, out var file))
            {
                return file.Content;
            }

            if (!image.Links.TryGetValue(current, out var link))
            {
                return null;
            }

            if (!LayerPath.TryResolveLink(current, link.Target, out var next))
            {
                warnings.Add($"symbolic link {current} → {link.Target} leaves the image root; not followed");
                return null;
            }

            current = next;
        }

        warnings.Add($"symbolic link {path} loops; not followed");
        return null;
    }
}
