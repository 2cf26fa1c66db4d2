using System.Runtime.CompilerServices;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.PyPI;

/// <summary>
/// Installed Python distributions in any <c>site-packages</c> or <c>dist-packages</c> folder: wheel
/// installs (<c>*.dist-info/METADATA</c>), setuptools installs (<c>*.egg-info/PKG-INFO</c>, or a single
/// <c>*.egg-info</c> file as distutils and Debian write it) and eggs (<c>*.egg/EGG-INFO/PKG-INFO</c>).
/// Only the header block of the metadata is read: the description after it can be large.
/// </summary>
internal sealed class InstalledPythonPackageDetector : IPackageDetector
{
    private const int MaxHeaderChars = 1024 * 1024;

    public string Name => "python-installed";

    public int Version => 2;

    public bool IsCandidate(string path)
    {
        var span = path.AsSpan();
        ReadOnlySpan<char> folder;
        if (span.EndsWith(".dist-info/METADATA", StringComparison.Ordinal) || span.EndsWith(".egg-info/PKG-INFO", StringComparison.Ordinal))
        {
            folder = span[..span[..span.LastIndexOf('/')].LastIndexOf('/')];
        }
        else if (span.EndsWith(".egg/EGG-INFO/PKG-INFO", StringComparison.Ordinal))
        {
            var egg = span[..(span.Length - "/EGG-INFO/PKG-INFO".Length)];
            folder = span[..Math.Max(egg.LastIndexOf('/'), 0)];
        }
        else if (span.EndsWith(".egg-info", StringComparison.Ordinal))
        {
            folder = span[..Math.Max(span.LastIndexOf('/'), 0)];
        }
        else
        {
            return false;
        }

        return folder.EndsWith("site-packages", StringComparison.Ordinal) || folder.EndsWith("dist-packages", StringComparison.Ordinal);
    }

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the header block is read, so the file may be of any size; one line may not be endless.
        using var reader = file.OpenLines(long.MaxValue, MaxHeaderChars);
        string? name = null, version = null, license = null;
        var read = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            read += line.Length + 1;
            if (line.Length == 0 || read > MaxHeaderChars)
            {
                break; // the headers end at the first empty line; the body is the description
            }

            if (line[0] is ' ' or '\t')
            {
                continue; // a continuation line of a folded header
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(' ', '\t'))
            {
                break; // as Python's email parser does: a line that is not a header starts the body
            }

            var key = line[..colon];
            var value = line[(colon + 1)..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "name": name ??= value; break;
                case "version": version ??= value; break;
                case "license-expression": license = value; break;
                case "license": license ??= value.Length is > 0 and < 200 ? value : null; break;
            }
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            throw new InvalidDataException($"{file.Path} has no Name or Version header.");
        }

        // The metadata file marks the installed copy; a lock file naming the same version is evidence for it.
        yield return PythonPackages.Create(name, version, file.Path, license: license is "UNKNOWN" or "" ? null : license) with { InstallPath = file.Path };
    }
}
