using System.Diagnostics.CodeAnalysis;
using System.Text;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Releases;

/// <summary>
/// Recognises a distribution from a distribution-specific release file (alpine-release,
/// debian_version, redhat-release …), used when os-release is absent. Lower priority than os-release.
/// </summary>
internal sealed class ReleaseFileDetector(string name, int priority, Func<string, bool> isCandidate, Func<string, string, Distribution?> recognise)
    : IDistributionDetector
{
    public string Name => name;

    public int Version => 1;

    public int Priority => priority;

    public bool IsCandidate(string path) => isCandidate(path);

    public bool TryDetect(string path, ReadOnlySpan<byte> content, [NotNullWhen(true)] out Distribution? distribution)
    {
        distribution = recognise(path, Encoding.UTF8.GetString(content));
        return distribution is not null;
    }
}
