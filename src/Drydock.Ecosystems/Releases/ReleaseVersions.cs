using System.Text.RegularExpressions;

namespace Drydock.Ecosystems.Releases;

/// <summary>Helpers that turn version strings into matching releases.</summary>
internal static partial class ReleaseVersions
{
    /// <summary>The first component: "9.3" → "9".</summary>
    public static string Major(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : version[..dot];
    }

    /// <summary>The first two components: "3.10.4" → "3.10".</summary>
    public static string MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : version;
    }

    /// <summary>Parses a redhat-release style line, "NAME release VERSION (CODENAME)".</summary>
    public static (string Name, string Version, string? Codename)? ParseReleaseLine(string content)
    {
        var match = ReleaseLine().Match(content.Trim());
        return match.Success
            ? (match.Groups["name"].Value.Trim(), match.Groups["version"].Value, match.Groups["codename"].Success ? match.Groups["codename"].Value : null)
            : null;
    }

    [GeneratedRegex(@"^(?<name>.+?)\s+release\s+(?<version>[0-9][0-9A-Za-z.\-]*)(?:\s+\((?<codename>[^)]*)\))?", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseLine();
}
