using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Drydock.Registry.Uploads;

/// <summary>The <c>Content-Range</c> of a chunk, <c>&lt;start&gt;-&lt;end&gt;</c> inclusive, as the distribution spec writes it.</summary>
public readonly record struct ContentRange(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <summary>Parses <c>start-end</c>; a <c>bytes </c> or <c>bytes=</c> prefix, which some clients add, is accepted.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text.StartsWith("bytes", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..].TrimStart(' ', '=');
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            text = text[..slash];
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
        {
            return false;
        }

        range = new ContentRange(start, end);
        return true;
    }
}
