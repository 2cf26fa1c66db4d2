using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Drydock.Ecosystems.Releases;

/// <summary>
/// An os-release file (<c>/etc/os-release</c>, <c>/usr/lib/os-release</c>) as os-release(5) defines it:
/// <c>KEY=value</c> lines, values optionally in single or double quotes with shell-style backslash escapes.
/// </summary>
internal sealed class OsReleaseFile
{
    private readonly Dictionary<string, string> _values;

    private OsReleaseFile(Dictionary<string, string> values) => _values = values;

    /// <summary>ID, lowercase.</summary>
    public string? Id => Get("ID")?.ToLowerInvariant();

    /// <summary>VERSION_ID.</summary>
    public string? VersionId => Get("VERSION_ID");

    /// <summary>VERSION_CODENAME.</summary>
    public string? VersionCodename => Get("VERSION_CODENAME");

    /// <summary>PRETTY_NAME.</summary>
    public string? PrettyName => Get("PRETTY_NAME");

    /// <summary>CPE_NAME.</summary>
    public string? CpeName => Get("CPE_NAME");

    /// <summary>A value by key, or null when absent or empty.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    /// <summary>Parses the file; false when it holds no ID.</summary>
    public static bool TryParse(ReadOnlySpan<byte> content, [NotNullWhen(true)] out OsReleaseFile? file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            values[line[..eq].Trim()] = Unquote(line[(eq + 1)..].Trim());
        }

        file = values.ContainsKey("ID") ? new OsReleaseFile(values) : null;
        return file is not null;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            var inner = value[1..^1];
            if (value[0] == '\'')
            {
                return inner;
            }

            var builder = new StringBuilder(inner.Length);
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length && inner[i + 1] is '"' or '\\' or '$' or '`')
                {
                    i++;
                }

                builder.Append(inner[i]);
            }

            return builder.ToString();
        }

        return value;
    }
}
