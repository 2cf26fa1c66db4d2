using System.Runtime.CompilerServices;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.PackageManagers.Dpkg;

/// <summary>
/// Reads dpkg's database natively: <c>var/lib/dpkg/status</c> and the one-file-per-package
/// <c>var/lib/dpkg/status.d/*</c> of distroless images (their <c>*.md5sums</c> companions are not
/// status files). One instance is shared by Debian and Ubuntu.
/// </summary>
internal sealed class DpkgStatusDetector : IPackageDetector
{
    public const string StatusPath = "var/lib/dpkg/status";
    public const string StatusDirectory = "var/lib/dpkg/status.d/";

    /// <summary>The largest status file read: a full desktop install's is about 10 MB.</summary>
    public const long MaxStatusBytes = 64L << 20;

    /// <summary>The longest line read: dpkg's fields are short; the longest (Depends, Conffiles lines)
    /// are a few kilobytes.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>The shared instance (Debian, Ubuntu, distroless).</summary>
    public static DpkgStatusDetector Shared { get; } = new();

    public string Name => "dpkg-status";

    public int Version => 1;

    public bool IsCandidate(string path) =>
        path == StatusPath
        || (path.StartsWith(StatusDirectory, StringComparison.Ordinal)
            && path.IndexOf('/', StatusDirectory.Length) < 0
            && !path.EndsWith(".md5sums", StringComparison.Ordinal));

    public async IAsyncEnumerable<Package> DetectAsync(LayerFile file, DetectionContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(context);
        using var reader = file.OpenLines(MaxStatusBytes, MaxLineChars);
        await foreach (var stanza in DpkgStanzaReader.ReadAsync(reader, cancellationToken))
        {
            if (DpkgPackage.FromStanza(stanza, file.Path, context) is { } package)
            {
                yield return package;
            }
        }
    }
}
