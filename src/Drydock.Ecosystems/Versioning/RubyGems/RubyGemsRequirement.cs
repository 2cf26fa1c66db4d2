using System.Numerics;

namespace Drydock.Ecosystems.Versioning.RubyGems;

/// <summary>One <c>OP VERSION</c> requirement with Gem::Requirement's operator table.</summary>
internal sealed class RubyGemsRequirement
{
    private readonly string _operator;
    private readonly string _version;
    private readonly string? _bump;

    public RubyGemsRequirement(string @operator, string version)
    {
        _operator = @operator;
        _version = version;
        _bump = @operator == "~>" ? Bump(version) : null;
    }

    public bool IsSatisfiedBy(ReadOnlySpan<char> version)
    {
        var c = RubyGemsVersionScheme.Instance.Compare(version, _version);
        return _operator switch
        {
            "=" => c == 0,
            "!=" => c != 0,
            ">" => c > 0,
            "<" => c < 0,
            ">=" => c >= 0,
            "<=" => c <= 0,
            // ~> V: v >= V and v.release < V.bump
            _ => c >= 0 && RubyGemsVersionScheme.Instance.Compare(Release(version.ToString()), _bump) < 0,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{_operator} {_version}";

    /// <summary>Gem::Version#bump: drop letter segments, then the last segment (if more than one), and add
    /// one to what is now last ("1.2.3" → "1.3", "1.2.a" → "2", "1" → "2").</summary>
    internal static string Bump(string version)
    {
        var segments = Segments(version);
        while (segments.Any(s => !IsNumber(s)))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        if (segments.Count > 1)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        segments[^1] = (BigInteger.Parse(segments[^1], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('.', segments);
    }

    /// <summary>Gem::Version#release: for a pre-release, the segments before the first letter segment.</summary>
    internal static string Release(string version)
    {
        if (!RubyGemsVersionScheme.IsPrerelease(version))
        {
            return version;
        }

        var segments = Segments(version);
        while (segments.Any(s => !IsNumber(s)))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return string.Join('.', segments);
    }

    /// <summary>Gem::Version#segments: runs of digits or letters, after '-' became ".pre.".</summary>
    private static List<string> Segments(string version)
    {
        var text = RubyGemsVersionScheme.Strip(version).ToString().Replace("-", ".pre.", StringComparison.Ordinal);
        var segments = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var digit = char.IsAsciiDigit(text[i]);
            while (i < text.Length && (digit ? char.IsAsciiDigit(text[i]) : char.IsAsciiLetter(text[i])))
            {
                i++;
            }

            segments.Add(text[start..i]);
        }

        if (segments.Count == 0)
        {
            segments.Add("0");
        }

        return segments;
    }

    private static bool IsNumber(string s) => char.IsAsciiDigit(s[0]);
}
