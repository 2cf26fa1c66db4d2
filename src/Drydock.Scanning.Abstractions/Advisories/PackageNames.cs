using System.Text;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>Normalises package names the way each ecosystem compares them, so that a feed's name and an
/// installed package's name meet on one key: PEP 503 for PyPI, lowercase for NuGet and Composer, the name
/// as written everywhere else (npm, Go, Maven and crates.io names are case-sensitive).</summary>
public static class PackageNames
{
    /// <summary>The normalised name of <paramref name="name"/> in <paramref name="ecosystem"/>.</summary>
    public static string Normalize(string ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ecosystem switch
        {
            PackageEcosystems.PyPI => Pep503(name),
            PackageEcosystems.NuGet or PackageEcosystems.Composer => name.ToLowerInvariant(),
            _ => name,
        };
    }

    // PEP 503: lowercase, runs of '-', '_' and '.' become one '-'.
    private static string Pep503(string name)
    {
        var builder = new StringBuilder(name.Length);
        var separator = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                separator = true;
                continue;
            }

            if (separator && builder.Length > 0)
            {
                builder.Append('-');
            }

            separator = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
