using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Java;

/// <summary>
/// A Java runtime unpacked without a package manager (Eclipse Temurin's /opt/java/openjdk, JDK tarballs
/// under /opt or /usr/local), recognised from the <c>release</c> file at the root of every JDK and JRE
/// image since Java 9 (<c>JAVA_VERSION="17.0.9"</c>, <c>IMPLEMENTOR="Eclipse Adoptium"</c>).
/// Distribution JDKs live under usr/lib/jvm and belong to the OS package detectors.
/// Reported as <c>pkg:generic/openjdk</c> (docs/adr/0003).
/// </summary>
internal sealed class OpenJdkReleasePackageDetector : IPackageDetector
{
    public string Name => "openjdk-release";

    public int Version => 1;

    public bool IsCandidate(string path) =>
        path.EndsWith("/release", StringComparison.Ordinal)
        && !path.StartsWith("usr/lib/jvm/", StringComparison.Ordinal)
        && !path.StartsWith("etc/", StringComparison.Ordinal);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (file.Size > 64 * 1024)
        {
            yield break; // a JDK release file is a few hundred bytes; this is something else named "release"
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = Encoding.UTF8.GetString(await file.ReadAllBytesAsync(64 * 1024, cancellationToken));
        foreach (var line in text.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim().Trim('"');
            }
        }

        if (!values.TryGetValue("JAVA_VERSION", out var version) || version.Length == 0)
        {
            yield break; // another kind of "release" file
        }

        // JAVA_RUNTIME_VERSION ("17.0.9+9") carries the build; JAVA_VERSION is what advisories name.
        yield return new Package
        {
            Ecosystem = EcosystemKeys.Generic,
            Name = "openjdk",
            Version = version,
            Vendor = values.GetValueOrDefault("IMPLEMENTOR"),
            Purl = PackageUrl.Create(EcosystemKeys.Generic, null, "openjdk", version),
            FilePath = file.Path,
        };
    }
}
