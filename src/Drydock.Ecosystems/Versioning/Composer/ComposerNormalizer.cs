using System.Text.RegularExpressions;

namespace Drydock.Ecosystems.Versioning.Composer;

/// <summary>
/// Composer's <c>VersionParser::normalize</c> (composer/semver 3.3, as Debian ships it): <c>v1.2</c> → <c>1.2.0.0</c>,
/// <c>1.0-b2</c> → <c>1.0.0.0-beta2</c>, <c>1.0.0-pl3</c> → <c>1.0.0.0-patch3</c>, <c>1.x-dev</c> →
/// <c>1.9999999.9999999.9999999-dev</c>, <c>dev-main</c> stays, <c>master</c> → <c>dev-master</c>. The classical
/// and branch forms are written into a caller's buffer without allocating; date versions (<c>20230101</c>) go
/// through a regular expression.
/// </summary>
internal static partial class ComposerNormalizer
{
    /// <summary>How much longer than its input a normalised version can be.</summary>
    public const int Growth = 64;

    private static readonly string[] Labels = ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"];

    /// <summary>Writes the normalised form of <paramref name="version"/> to <paramref name="output"/> (at least
    /// <c>version.Length + Growth</c> long) and returns its length, or -1 when Composer rejects the version.</summary>
    public static int Normalize(ReadOnlySpan<char> version, Span<char> output)
    {
        var s = version.Trim(" \t\n\r\0\v");

        // "1.0 as 2.0" aliases: the version is the first one.
        var aliasAt = IndexOfAlias(s);
        if (aliasAt > 0)
        {
            s = s[..aliasAt].TrimEnd(' ');
        }

        // A trailing stability flag (@dev, @stable …) is not part of the version.
        var at = s.LastIndexOf('@');
        if (at >= 0 && IsStability(s[(at + 1)..]))
        {
            s = s[..at];
        }

        if (s is "master" or "trunk" or "default")
        {
            return Write(output, 0, "dev-", s);
        }

        if (s.Length >= 4 && s[..4].Equals("dev-", StringComparison.OrdinalIgnoreCase))
        {
            return Write(output, 0, "dev-", s[4..]);
        }

        // Build metadata is dropped.
        var plus = s.IndexOf('+');
        if (plus > 0 && s[..plus].IndexOfAny(',', ' ', '\t') < 0 && s[(plus + 1)..].IndexOfAny(' ', '\t') < 0)
        {
            s = s[..plus];
        }

        var length = Classical(s, output);
        if (length >= 0)
        {
            return length;
        }

        length = DateBased(s, output);
        if (length >= 0)
        {
            return length;
        }

        return Branch(s, output);
    }

    /// <summary>True when <paramref name="normalized"/> is a dev branch (<c>dev-…</c>) once normalised.</summary>
    public static bool IsBranch(ReadOnlySpan<char> normalized) => normalized.StartsWith("dev-", StringComparison.Ordinal);

    // ^v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)? MODIFIER $
    private static int Classical(ReadOnlySpan<char> s, Span<char> output)
    {
        var i = 0;
        if (i < s.Length && s[i] is 'v' or 'V')
        {
            i++;
        }

        var major = Digits(s, ref i);
        if (major.IsEmpty || major.Length > 5)
        {
            return -1;
        }

        var q = Write(output, 0, major, []);
        for (var component = 0; component < 3; component++)
        {
            if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
            {
                i++;
                output[q++] = '.';
                q = Write(output, q, Digits(s, ref i), []);
            }
            else
            {
                q = Write(output, q, ".0", []);
            }
        }

        return Modifier(s, i, output, q);
    }

    // ^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?) MODIFIER $ (composer/semver 3.3) — rare, so a regex.
    private static int DateBased(ReadOnlySpan<char> s, Span<char> output)
    {
        if (s.IsEmpty || !(char.IsAsciiDigit(s[0]) || (s[0] is 'v' or 'V' && s.Length > 1 && char.IsAsciiDigit(s[1]))))
        {
            return -1;
        }

        var match = DateRegex().Match(s.ToString());
        if (!match.Success)
        {
            return -1;
        }

        var q = 0;
        foreach (var c in match.Groups[1].ValueSpan)
        {
            output[q++] = char.IsAsciiDigit(c) ? c : '.';
        }

        return Modifier(s, match.Groups[1].Index + match.Groups[1].Length, output, q);
    }

    // [._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?$, case-insensitive.
    private static int Modifier(ReadOnlySpan<char> s, int i, Span<char> output, int q)
    {
        if (i == s.Length)
        {
            return q;
        }

        var j = i;
        if (s[j] is '.' or '_' or '-')
        {
            j++;
        }

        var label = MatchLabel(s[j..]);
        if (label is not null)
        {
            j += label.Length;
            var numberStart = j;
            while (true)
            {
                var k = j;
                if (k < s.Length && s[k] is '.' or '-')
                {
                    k++;
                }

                if (k < s.Length && char.IsAsciiDigit(s[k]))
                {
                    Digits(s, ref k);
                    j = k;
                    continue;
                }

                break;
            }

            var number = s[numberStart..j].TrimStart(".-");
            var hasDev = TryDev(s, ref j);
            if (j != s.Length)
            {
                return -1;
            }

            if (label == "stable" && IsExactly(s, numberStart - label.Length, "stable"))
            {
                return q; // 'stable' (lowercase, as written) drops the modifier entirely
            }

            output[q++] = '-';
            q = Write(output, q, Expand(label), number);
            return hasDev ? Write(output, q, "-dev", []) : q;
        }

        // No label: only "[.-]?dev" may follow (the separator may have been taken by [._-]? already).
        if (j == s.Length || (TryDev(s, ref j) && j == s.Length))
        {
            return j == i + 1 && !s[i..].EndsWith("dev", StringComparison.OrdinalIgnoreCase) ? q : Write(output, q, "-dev", []);
        }

        j = i;
        if (TryDev(s, ref j) && j == s.Length)
        {
            return Write(output, q, "-dev", []);
        }

        return -1;
    }

    private static bool IsExactly(ReadOnlySpan<char> s, int at, string text) =>
        at >= 0 && at + text.Length <= s.Length && s.Slice(at, text.Length).SequenceEqual(text);

    private static bool TryDev(ReadOnlySpan<char> s, ref int j)
    {
        var k = j;
        if (k < s.Length && s[k] is '.' or '-')
        {
            k++;
        }

        if (k + 3 <= s.Length && s.Slice(k, 3).Equals("dev", StringComparison.OrdinalIgnoreCase))
        {
            j = k + 3;
            return true;
        }

        return false;
    }

    private static string? MatchLabel(ReadOnlySpan<char> s)
    {
        foreach (var label in Labels)
        {
            if (s.Length >= label.Length && s[..label.Length].Equals(label, StringComparison.OrdinalIgnoreCase))
            {
                return label;
            }
        }

        return null;
    }

    private static string Expand(string label) => label switch
    {
        "a" => "alpha",
        "b" => "beta",
        "p" or "pl" => "patch",
        "rc" => "RC",
        _ => label,
    };

    // (.*?)[.-]?dev$ then normalizeBranch: ^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$
    private static int Branch(ReadOnlySpan<char> s, Span<char> output)
    {
        if (s.Length < 3 || !s[^3..].Equals("dev", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        var name = s[..^3];
        if (name.Length > 0 && name[^1] is '.' or '-')
        {
            name = name[..^1];
        }

        name = name.Trim();
        var i = 0;
        if (i < name.Length && name[i] is 'v' or 'V')
        {
            i++;
        }

        var first = Digits(name, ref i);
        if (first.IsEmpty)
        {
            return -1; // would become dev-NAME, which Composer refuses for a "-dev" suffix
        }

        var q = Write(output, 0, first, []);
        for (var component = 0; component < 3; component++)
        {
            if (i < name.Length && name[i] == '.')
            {
                i++;
                output[q++] = '.';
                if (i < name.Length && name[i] is 'x' or 'X' or '*')
                {
                    i++;
                    q = Write(output, q, "9999999", []);
                }
                else
                {
                    var digits = Digits(name, ref i);
                    if (digits.IsEmpty)
                    {
                        return -1;
                    }

                    q = Write(output, q, digits, []);
                }
            }
            else
            {
                q = Write(output, q, ".9999999", []);
            }
        }

        return i == name.Length ? Write(output, q, "-dev", []) : -1;
    }

    private static int IndexOfAlias(ReadOnlySpan<char> s)
    {
        var index = s.IndexOf(" as ", StringComparison.Ordinal);
        return index;
    }

    private static bool IsStability(ReadOnlySpan<char> s) =>
        s.Equals("stable", StringComparison.OrdinalIgnoreCase) || s.Equals("rc", StringComparison.OrdinalIgnoreCase) ||
        s.Equals("beta", StringComparison.OrdinalIgnoreCase) || s.Equals("alpha", StringComparison.OrdinalIgnoreCase) ||
        s.Equals("dev", StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> Digits(ReadOnlySpan<char> s, scoped ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return s[start..i];
    }

    private static int Write(Span<char> output, int q, ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a.CopyTo(output[q..]);
        q += a.Length;
        b.CopyTo(output[q..]);
        return q + b.Length;
    }

    [GeneratedRegex(@"^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();
}
