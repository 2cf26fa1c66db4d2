using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Releases;

/// <summary>
/// Recognises one distribution family from os-release (both paths). Each distribution module creates
/// one with the IDs it owns and its normalisation of VERSION_ID into a matching release.
/// </summary>
internal sealed class OsReleaseDetector(string name, Func<OsReleaseFile, Distribution?> recognise) : IDistributionDetector
{
    public const string EtcPath = "etc/os-release";
    public const string UsrLibPath = "usr/lib/os-release";

    public string Name => name;

    public int Version => 1;

    public int Priority => 0;

    public bool IsCandidate(string path) => path is EtcPath or UsrLibPath;

    public bool TryDetect(string path, ReadOnlySpan<byte> content, [NotNullWhen(true)] out Distribution? distribution)
    {
        distribution = OsReleaseFile.TryParse(content, out var file) ? recognise(file) : null;
        return distribution is not null;
    }
}
