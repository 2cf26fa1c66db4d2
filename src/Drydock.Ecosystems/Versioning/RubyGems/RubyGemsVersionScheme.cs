using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.RubyGems;

/// <summary>
/// <c>Gem::Version</c> (rubygems 3.x): segments are runs of digits or letters, '-' reads as ".pre.", trailing
/// zeros of the release part and of the prerelease part are dropped, a letter segment sorts below a number,
/// letters compare case-sensitively. Comparison walks both strings without building segment arrays.
/// </summary>
internal sealed class RubyGemsVersionScheme : IVersionScheme
{
    public static readonly RubyGemsVersionScheme Instance = new();

    private RubyGemsVersionScheme()
    {
    }

    /// <inheritdoc/>
    public string Name => "rubygems";

    /// <inheritdoc/>
    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        if (IsValid(version))
        {
            reason = null;
            return true;
        }

        reason = $"Malformed version number string '{version}' (Gem::Version expects digits, then dot-separated letters or digits, then an optional -prerelease).";
        return false;
    }

    /// <inheritdoc/>
    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var leftValid = IsValid(left);
        var rightValid = IsValid(right);
        if (!leftValid || !rightValid)
        {
            // Invalid strings sort below every valid version, and among themselves by ordinal order.
            return leftValid == rightValid ? Math.Sign(left.SequenceCompareTo(right)) : (leftValid ? 1 : -1);
        }

        var a = new RubyGemsSegments(Strip(left));
        var b = new RubyGemsSegments(Strip(right));
        while (true)
        {
            var hasA = a.TryNext(out var segA, out var numA);
            var hasB = b.TryNext(out var segB, out var numB);
            if (!hasA && !hasB)
            {
                return 0;
            }

            // A missing segment is 0.
            if (!hasA)
            {
                segA = "0";
                numA = true;
            }

            if (!hasB)
            {
                segB = "0";
                numB = true;
            }

            int c;
            if (numA && numB)
            {
                c = CompareNumbers(segA, segB);
            }
            else if (numA != numB)
            {
                c = numA ? 1 : -1; // a string segment sorts below a number
            }
            else
            {
                c = Math.Sign(segA.SequenceCompareTo(segB));
            }

            if (c != 0)
            {
                return c;
            }
        }
    }

    /// <summary>True when the version has a letter (Gem::Version#prerelease?).</summary>
    public static bool IsPrerelease(ReadOnlySpan<char> version) => version.ContainsAnyInRange('a', 'z') || version.ContainsAnyInRange('A', 'Z') || version.Contains('-');

    /// <summary>Gem::Version's ANCHORED_VERSION_PATTERN: <c>\s*([0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> version)
    {
        var s = Strip(version);
        if (s.IsEmpty)
        {
            return true; // an empty or blank string is version "0"
        }

        var i = 0;
        if (!Run(s, ref i, dash: false, digitsOnly: true))
        {
            return false;
        }

        while (i < s.Length && s[i] == '.')
        {
            i++;
            if (!Run(s, ref i, dash: false, digitsOnly: false))
            {
                return false;
            }
        }

        if (i < s.Length && s[i] == '-')
        {
            i++;
            if (!Run(s, ref i, dash: true, digitsOnly: false))
            {
                return false;
            }

            while (i < s.Length && s[i] == '.')
            {
                i++;
                if (!Run(s, ref i, dash: true, digitsOnly: false))
                {
                    return false;
                }
            }
        }

        return i == s.Length;
    }

    /// <summary>Ruby's String#strip: ASCII whitespace and NUL.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> s) => s.Trim(" \t\n\v\f\r\0");

    private static bool Run(ReadOnlySpan<char> s, ref int i, bool dash, bool digitsOnly)
    {
        var start = i;
        while (i < s.Length && (digitsOnly ? char.IsAsciiDigit(s[i]) : char.IsAsciiLetterOrDigit(s[i]) || (dash && s[i] == '-')))
        {
            i++;
        }

        return i > start;
    }

    internal static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(a.SequenceCompareTo(b));
    }
}
