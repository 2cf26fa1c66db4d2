using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Tests.Releases;

/// <summary>Runs the built-in distribution detectors over a set of release files the way the engine
/// does: detectors by priority, each over its candidate paths in order; the first recognition wins.</summary>
internal static class ReleaseDetection
{
    public static EcosystemRegistry Registry { get; } = BuiltInEcosystems.CreateRegistry();

    public static Distribution? Detect(IReadOnlyDictionary<string, byte[]> files)
    {
        foreach (var detector in Registry.DistributionDetectors)
        {
            foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (detector.IsCandidate(path) && detector.TryDetect(path, content, out var distribution))
                {
                    return distribution;
                }
            }
        }

        return null;
    }

    public static Distribution? DetectRoot(string root) => Detect(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal));

    public static Distribution? Detect(string path, string content) =>
        Detect(new Dictionary<string, byte[]> { [path] = System.Text.Encoding.UTF8.GetBytes(content) });
}
