using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.PyPI;

/// <summary>
/// A CPython runtime built or unpacked without a package manager (the official python images under
/// /usr/local, pyenv, /opt builds), recognised from <c>include/pythonX.Y/patchlevel.h</c>
/// (<c>#define PY_VERSION "3.12.1"</c>) or Windows' <c>Include/patchlevel.h</c>. Headers under
/// usr/include belong to distribution packages and are left to the OS detectors.
/// Reported as <c>pkg:generic/python</c> (docs/adr/0003).
/// </summary>
internal sealed partial class PythonRuntimePackageDetector : IPackageDetector
{
    public string Name => "python-runtime";

    public int Version => 1;

    public bool IsCandidate(string path)
    {
        if (!path.EndsWith("/patchlevel.h", StringComparison.Ordinal) || path.StartsWith("usr/include/", StringComparison.Ordinal))
        {
            return false;
        }

        var dir = path.AsSpan(0, path.Length - "/patchlevel.h".Length);
        if (dir.EndsWith("Include", StringComparison.Ordinal))
        {
            return true;
        }

        var slash = dir.LastIndexOf('/');
        return slash > 0 && dir[(slash + 1)..].StartsWith("python", StringComparison.Ordinal) && dir[..slash].EndsWith("include", StringComparison.Ordinal);
    }

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await file.ReadAllBytesAsync(1024 * 1024, cancellationToken));
        var match = VersionRegex().Match(text);
        if (!match.Success)
        {
            throw new InvalidDataException($"{file.Path} does not define PY_VERSION.");
        }

        var version = match.Groups[1].Value;
        yield return new Package
        {
            Ecosystem = EcosystemKeys.Generic,
            Name = "python",
            Version = version,
            Vendor = "python",
            Purl = PackageUrl.Create(EcosystemKeys.Generic, null, "python", version),
            FilePath = file.Path,
        };
    }

    [GeneratedRegex(@"^#define\s+PY_VERSION\s+""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex VersionRegex();
}
