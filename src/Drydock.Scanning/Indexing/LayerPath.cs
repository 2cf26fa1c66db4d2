using System.Diagnostics.CodeAnalysis;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// Normalises tar entry names and link targets to paths inside the image root: no leading <c>/</c>
/// or <c>./</c>, no <c>.</c> segments. A <c>..</c> segment is refused: real layers never have one,
/// and refusing it keeps every path inside the root by construction.
/// </summary>
internal static class LayerPath
{
    /// <summary>Normalises an entry name. Returns false with a warning for names that leave the root;
    /// an empty result is the root itself.</summary>
    public static bool TryNormalize(string name, [NotNullWhen(true)] out string? path, out string? warning)
    {
        warning = null;
        path = null;
        var absolute = name.StartsWith('/');
        var segments = new List<string>();
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                warning = $"refused entry '{name}': '..' would leave the image root";
                return false;
            }

            segments.Add(segment);
        }

        path = string.Join('/', segments);
        if (absolute && path.Length > 0)
        {
            warning = $"entry '{name}' has an absolute path; it was read as '{path}' inside the image root";
        }

        return true;
    }

    /// <summary>Resolves a symbolic link target against the directory of the link, inside the root.
    /// Absolute targets start at the image root; a target that climbs above the root is refused.</summary>
    public static bool TryResolveLink(string linkPath, string target, [NotNullWhen(true)] out string? resolved)
    {
        resolved = null;
        var segments = new List<string>();
        if (!target.StartsWith('/'))
        {
            var slash = linkPath.LastIndexOf('/');
            if (slash > 0)
            {
                segments.AddRange(linkPath[..slash].Split('/'));
            }
        }

        foreach (var segment in target.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    return false;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        resolved = string.Join('/', segments);
        return resolved.Length > 0;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsAtOrUnder(string path, string directory) =>
        directory.Length == 0
        || path == directory
        || (path.Length > directory.Length && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal));

    /// <summary>True when <paramref name="path"/> is strictly inside <paramref name="directory"/>.</summary>
    public static bool IsUnder(string path, string directory) =>
        directory.Length == 0 ? path.Length > 0
        : path.Length > directory.Length && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal);
}
