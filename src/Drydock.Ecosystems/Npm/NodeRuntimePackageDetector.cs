using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Npm;

/// <summary>
/// A Node.js runtime installed without a package manager (the official node images, tarballs unpacked
/// under /usr/local or /opt), recognised from <c>include/node/node_version.h</c>, which every Node.js
/// release tarball ships. <c>usr/include/node</c> belongs to a distribution package (Debian's libnode-dev)
/// and is left to the OS package detectors. Reported as <c>pkg:generic/node</c> (docs/adr/0003).
/// </summary>
internal sealed partial class NodeRuntimePackageDetector : IPackageDetector
{
    private const string Suffix = "include/node/node_version.h";

    public string Name => "node-runtime";

    public int Version => 1;

    public bool IsCandidate(string path) =>
        path.EndsWith(Suffix, StringComparison.Ordinal)
        && (path.Length == Suffix.Length || path[^(Suffix.Length + 1)] == '/')
        && !path.StartsWith("usr/include/", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await file.ReadAllBytesAsync(1024 * 1024, cancellationToken));
        string? major = null, minor = null, patch = null;
        foreach (Match match in DefineRegex().Matches(text))
        {
            switch (match.Groups[1].Value)
            {
                case "MAJOR": major = match.Groups[2].Value; break;
                case "MINOR": minor = match.Groups[2].Value; break;
                case "PATCH": patch = match.Groups[2].Value; break;
            }
        }

        if (major is null || minor is null || patch is null)
        {
            throw new InvalidDataException($"{file.Path} does not define NODE_MAJOR_VERSION, NODE_MINOR_VERSION and NODE_PATCH_VERSION.");
        }

        var version = $"{major}.{minor}.{patch}";
        yield return new Package
        {
            Ecosystem = EcosystemKeys.Generic,
            Name = "node",
            Version = version,
            Vendor = "nodejs",
            Purl = PackageUrl.Create(EcosystemKeys.Generic, null, "node", version),
            FilePath = file.Path,
        };
    }

    [GeneratedRegex(@"^#define NODE_(MAJOR|MINOR|PATCH)_VERSION (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DefineRegex();
}
