using System.Text;
using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.PyPI;

/// <summary>Builds PyPI package records with names normalised per PEP 503.</summary>
internal static class PythonPackages
{
    /// <summary>The largest lockfile read into memory; bigger ones are refused with a warning.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static Package Create(string name, string version, string filePath, bool development = false, string? license = null)
    {
        var normalised = Normalise(name);
        return new Package
        {
            Ecosystem = EcosystemKeys.PyPI,
            Name = normalised,
            Version = version,
            License = license,
            Purl = PackageUrl.Create(EcosystemKeys.PyPI, null, normalised, version),
            FilePath = filePath,
            Development = development,
        };
    }

    /// <summary>PEP 503: lowercase, and every run of '-', '_' and '.' becomes one '-'.</summary>
    public static string Normalise(string name)
    {
        var builder = new StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.')
            {
                if (!inRun)
                {
                    builder.Append('-');
                }

                inRun = true;
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
                inRun = false;
            }
        }

        return builder.ToString();
    }
}
