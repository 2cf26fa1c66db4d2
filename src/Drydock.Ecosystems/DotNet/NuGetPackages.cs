using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.DotNet;

/// <summary>Builds NuGet package records (names as the file spells them; NuGet compares them without case).</summary>
internal static class NuGetPackages
{
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The shared frameworks a .NET install carries under shared/&lt;name&gt;/&lt;version&gt;/.</summary>
    public static readonly string[] SharedFrameworks = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App", "Microsoft.WindowsDesktop.App"];

    public static Package Create(string name, string version, string filePath) => new()
    {
        Ecosystem = EcosystemKeys.NuGet,
        Name = name,
        Version = version,
        Purl = PackageUrl.Create(EcosystemKeys.NuGet, null, name, version),
        FilePath = filePath,
    };

    /// <summary>True for <c>…shared/&lt;framework&gt;/&lt;version&gt;/&lt;framework&gt;.deps.json</c>; gives the framework and version.</summary>
    public static bool TryParseSharedFrameworkManifest(string path, out string framework, out string version)
    {
        framework = string.Empty;
        version = string.Empty;
        var parts = path.AsSpan();
        var fileStart = parts.LastIndexOf('/');
        if (fileStart < 0)
        {
            return false;
        }

        var versionDir = parts[..fileStart];
        var versionStart = versionDir.LastIndexOf('/');
        if (versionStart < 0)
        {
            return false;
        }

        var frameworkDir = versionDir[..versionStart];
        var frameworkStart = frameworkDir.LastIndexOf('/');
        var frameworkName = frameworkDir[(frameworkStart + 1)..];
        var sharedDir = frameworkStart < 0 ? [] : frameworkDir[..frameworkStart];
        if (!sharedDir.EndsWith("shared", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var candidate in SharedFrameworks)
        {
            var fileName = parts[(fileStart + 1)..];
            if (frameworkName.SequenceEqual(candidate) && fileName.StartsWith(candidate, StringComparison.Ordinal) && fileName[candidate.Length..].SequenceEqual(".deps.json"))
            {
                framework = candidate;
                version = versionDir[(versionStart + 1)..].ToString();
                return true;
            }
        }

        return false;
    }
}
