using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Abstractions.Detection;

/// <summary>Recognises the distribution from a release file (os-release, alpine-release …).</summary>
public interface IDistributionDetector
{
    /// <summary>Stable lowercase id, e.g. "os-release".</summary>
    string Name { get; }

    /// <summary>Bump when the output for the same input changes.</summary>
    int Version { get; }

    /// <summary>Lower values win when several detectors recognise the same image (os-release is 0).</summary>
    int Priority { get; }

    /// <summary>True for the release-file paths this detector reads, e.g. "etc/os-release".</summary>
    bool IsCandidate(string path);

    /// <summary>Recognises the distribution from one release file's content.</summary>
    bool TryDetect(string path, ReadOnlySpan<byte> content, [NotNullWhen(true)] out Distribution? distribution);
}
