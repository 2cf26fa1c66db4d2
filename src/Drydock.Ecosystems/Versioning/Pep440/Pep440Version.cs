using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Drydock.Ecosystems.Versioning.Pep440;

/// <summary>
/// A PEP 440 version parsed in place: every part is a slice of the input, so parsing allocates nothing.
/// The grammar is packaging's <c>VERSION_PATTERN</c> (case-insensitive, optional <c>v</c>, surrounding
/// whitespace allowed), restricted to ASCII as current packaging is.
/// </summary>
internal readonly ref struct Pep440Version
{
    /// <summary>Epoch digits; empty means 0.</summary>
    public ReadOnlySpan<char> Epoch { get; init; }

    /// <summary>Release digits with their dots, e.g. <c>1.02.3</c>.</summary>
    public ReadOnlySpan<char> Release { get; init; }

    /// <summary>0 none, 1 a, 2 b, 3 rc.</summary>
    public int PreKind { get; init; }

    public ReadOnlySpan<char> PreNumber { get; init; }

    public bool HasPost { get; init; }

    public ReadOnlySpan<char> PostNumber { get; init; }

    public bool HasDev { get; init; }

    public ReadOnlySpan<char> DevNumber { get; init; }

    /// <summary>The local label after '+', with its original separators; empty when there is none.</summary>
    public ReadOnlySpan<char> Local { get; init; }

    public bool HasLocal => !Local.IsEmpty;

    public bool IsPrerelease => PreKind != 0 || HasDev;

    /// <summary>Parses <paramref name="text"/>; on failure gives the reason.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Pep440Version version, [NotNullWhen(false)] out string? reason)
    {
        if (TryParse(text, out version, out var position, out var expected))
        {
            reason = null;
            return true;
        }

        var s = text.Trim();
        var found = position < s.Length ? $"'{s[position]}' at position {(position + 1).ToString(CultureInfo.InvariantCulture)}" : "the end";
        reason = $"'{s}' is not a PEP 440 version: expected {expected}, found {found}.";
        return false;
    }

    /// <summary>Parses without allocating; on failure gives the position and what was expected there.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Pep440Version version, out int position, out string expected)
    {
        version = default;
        position = 0;
        expected = string.Empty;
        var s = text.Trim();
        if (s.IsEmpty)
        {
            expected = "a version";
            return false;
        }

        var i = 0;
        if (s[0] is 'v' or 'V')
        {
            i++;
        }

        var start = i;
        var digits = Digits(s, ref i);
        if (digits.IsEmpty)
        {
            return Fail(i, "a release number", out position, out expected);
        }

        var epoch = ReadOnlySpan<char>.Empty;
        if (i < s.Length && s[i] == '!')
        {
            epoch = digits;
            i++;
            start = i;
            if (Digits(s, ref i).IsEmpty)
            {
                return Fail(i, "a release number after the epoch", out position, out expected);
            }
        }

        while (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            Digits(s, ref i);
        }

        var release = s[start..i];

        // Pre-release: [-_.]? (alpha|a|beta|b|preview|pre|c|rc) [-_.]? [0-9]*
        var preKind = 0;
        var preNumber = ReadOnlySpan<char>.Empty;
        {
            var j = i;
            if (j < s.Length && IsSeparator(s[j]))
            {
                j++;
            }

            var kind = MatchPreLabel(s[j..], out var labelLength);
            if (kind != 0)
            {
                j += labelLength;
                if (j < s.Length && IsSeparator(s[j]))
                {
                    j++;
                }

                preNumber = Digits(s, ref j);
                preKind = kind;
                i = j;
            }
        }

        // Post-release: -N | [-_.]? (post|rev|r) [-_.]? [0-9]*
        var hasPost = false;
        var postNumber = ReadOnlySpan<char>.Empty;
        {
            var j = i;
            if (j + 1 < s.Length && s[j] == '-' && char.IsAsciiDigit(s[j + 1]))
            {
                j++;
                postNumber = Digits(s, ref j);
                hasPost = true;
                i = j;
            }
            else
            {
                if (j < s.Length && IsSeparator(s[j]))
                {
                    j++;
                }

                var length = MatchPostLabel(s[j..]);
                if (length != 0)
                {
                    j += length;
                    if (j < s.Length && IsSeparator(s[j]))
                    {
                        j++;
                    }

                    postNumber = Digits(s, ref j);
                    hasPost = true;
                    i = j;
                }
            }
        }

        // Development release: [-_.]? dev [-_.]? [0-9]*
        var hasDev = false;
        var devNumber = ReadOnlySpan<char>.Empty;
        {
            var j = i;
            if (j < s.Length && IsSeparator(s[j]))
            {
                j++;
            }

            if (StartsWithIgnoreCase(s[j..], "dev"))
            {
                j += 3;
                if (j < s.Length && IsSeparator(s[j]))
                {
                    j++;
                }

                devNumber = Digits(s, ref j);
                hasDev = true;
                i = j;
            }
        }

        // Local version: + [a-z0-9]+ ([-_.][a-z0-9]+)*
        var local = ReadOnlySpan<char>.Empty;
        if (i < s.Length && s[i] == '+')
        {
            var j = i + 1;
            var localStart = j;
            while (true)
            {
                var segmentStart = j;
                while (j < s.Length && char.IsAsciiLetterOrDigit(s[j]))
                {
                    j++;
                }

                if (j == segmentStart)
                {
                    return Fail(j, "a letter or digit in the local version", out position, out expected);
                }

                if (j + 1 < s.Length && IsSeparator(s[j]) && char.IsAsciiLetterOrDigit(s[j + 1]))
                {
                    j++;
                    continue;
                }

                break;
            }

            local = s[localStart..j];
            i = j;
        }

        if (i != s.Length)
        {
            return Fail(i, "the end of the version", out position, out expected);
        }

        version = new Pep440Version
        {
            Epoch = epoch,
            Release = release,
            PreKind = preKind,
            PreNumber = preNumber,
            HasPost = hasPost,
            PostNumber = postNumber,
            HasDev = hasDev,
            DevNumber = devNumber,
            Local = local,
        };
        return true;
    }

    /// <summary>The order of packaging's <c>_cmpkey</c>: epoch, release without trailing zeros, pre (a dev-only
    /// release sorts before any pre-release), post, dev, local (absent &lt; present; numeric segment &gt; letters).</summary>
    public static int Compare(in Pep440Version left, in Pep440Version right)
    {
        var c = CompareNumbers(left.Epoch, right.Epoch);
        if (c != 0)
        {
            return c;
        }

        c = CompareReleases(left.Release, right.Release);
        if (c != 0)
        {
            return c;
        }

        c = PreRank(left).CompareTo(PreRank(right));
        if (c != 0)
        {
            return c;
        }

        if (left.PreKind != 0)
        {
            c = left.PreKind.CompareTo(right.PreKind);
            if (c != 0)
            {
                return c;
            }

            c = CompareNumbers(left.PreNumber, right.PreNumber);
            if (c != 0)
            {
                return c;
            }
        }

        // Post: absent sorts first.
        c = left.HasPost.CompareTo(right.HasPost);
        if (c != 0)
        {
            return c;
        }

        if (left.HasPost)
        {
            c = CompareNumbers(left.PostNumber, right.PostNumber);
            if (c != 0)
            {
                return c;
            }
        }

        // Dev: absent sorts last.
        c = right.HasDev.CompareTo(left.HasDev);
        if (c != 0)
        {
            return c;
        }

        if (left.HasDev)
        {
            c = CompareNumbers(left.DevNumber, right.DevNumber);
            if (c != 0)
            {
                return c;
            }
        }

        return CompareLocals(left.Local, right.Local);
    }

    /// <summary>packaging's <c>str(Version)</c>: the normalised form.</summary>
    public string Normalize() => Append(new StringBuilder(), includeLocal: true).ToString();

    /// <summary>The normalised form without the local label (packaging's <c>public</c>).</summary>
    public string NormalizePublic() => Append(new StringBuilder(), includeLocal: false).ToString();

    /// <summary>packaging's <c>base_version</c>: epoch and release only.</summary>
    public string BaseVersion()
    {
        var builder = new StringBuilder();
        AppendEpochAndRelease(builder);
        return builder.ToString();
    }

    private StringBuilder Append(StringBuilder builder, bool includeLocal)
    {
        AppendEpochAndRelease(builder);
        if (PreKind != 0)
        {
            builder.Append(PreKind switch { 1 => "a", 2 => "b", _ => "rc" });
            AppendNumber(builder, PreNumber);
        }

        if (HasPost)
        {
            builder.Append(".post");
            AppendNumber(builder, PostNumber);
        }

        if (HasDev)
        {
            builder.Append(".dev");
            AppendNumber(builder, DevNumber);
        }

        if (includeLocal && HasLocal)
        {
            builder.Append('+');
            var first = true;
            foreach (var range in Local.SplitAny("-_."))
            {
                if (!first)
                {
                    builder.Append('.');
                }

                first = false;
                var segment = Local[range];
                if (IsAllDigits(segment))
                {
                    AppendNumber(builder, segment);
                }
                else
                {
                    foreach (var ch in segment)
                    {
                        builder.Append(char.ToLowerInvariant(ch));
                    }
                }
            }
        }

        return builder;
    }

    private void AppendEpochAndRelease(StringBuilder builder)
    {
        if (!TrimZeros(Epoch).IsEmpty)
        {
            AppendNumber(builder, Epoch);
            builder.Append('!');
        }

        var first = true;
        foreach (var range in Release.Split('.'))
        {
            if (!first)
            {
                builder.Append('.');
            }

            first = false;
            AppendNumber(builder, Release[range]);
        }
    }

    private static void AppendNumber(StringBuilder builder, ReadOnlySpan<char> digits)
    {
        var trimmed = TrimZeros(digits);
        if (trimmed.IsEmpty)
        {
            builder.Append('0');
        }
        else
        {
            builder.Append(trimmed);
        }
    }

    private static int PreRank(in Pep440Version v)
    {
        if (v.PreKind == 0 && !v.HasPost && v.HasDev)
        {
            return 0; // packaging's -Infinity: 1.0.dev0 < 1.0a0
        }

        return v.PreKind != 0 ? 1 : 2;
    }

    private static int CompareReleases(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        // Missing components count as zero, which is what stripping trailing zeros achieves.
        while (!left.IsEmpty || !right.IsEmpty)
        {
            var c = CompareNumbers(NextComponent(ref left), NextComponent(ref right));
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static ReadOnlySpan<char> NextComponent(ref ReadOnlySpan<char> rest)
    {
        var dot = rest.IndexOf('.');
        ReadOnlySpan<char> component;
        if (dot < 0)
        {
            component = rest;
            rest = [];
        }
        else
        {
            component = rest[..dot];
            rest = rest[(dot + 1)..];
        }

        return component;
    }

    private static int CompareLocals(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.IsEmpty || right.IsEmpty)
        {
            return (!left.IsEmpty).CompareTo(!right.IsEmpty);
        }

        while (!left.IsEmpty && !right.IsEmpty)
        {
            var a = NextLocalSegment(ref left);
            var b = NextLocalSegment(ref right);
            var aNumeric = IsAllDigits(a);
            var bNumeric = IsAllDigits(b);
            int c;
            if (aNumeric && bNumeric)
            {
                c = CompareNumbers(a, b);
            }
            else if (aNumeric != bNumeric)
            {
                c = aNumeric ? 1 : -1; // a numeric segment sorts above any alphanumeric one
            }
            else
            {
                c = Math.Sign(CompareLowercase(a, b));
            }

            if (c != 0)
            {
                return c;
            }
        }

        return (!left.IsEmpty).CompareTo(!right.IsEmpty);
    }

    private static ReadOnlySpan<char> NextLocalSegment(ref ReadOnlySpan<char> rest)
    {
        var separator = rest.IndexOfAny('.', '-', '_');
        ReadOnlySpan<char> segment;
        if (separator < 0)
        {
            segment = rest;
            rest = [];
        }
        else
        {
            segment = rest[..separator];
            rest = rest[(separator + 1)..];
        }

        return segment;
    }

    private static int CompareLowercase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var k = 0; k < length; k++)
        {
            var c = char.ToLowerInvariant(a[k]).CompareTo(char.ToLowerInvariant(b[k]));
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Compares two ASCII digit strings as unbounded integers (Python ints); empty is 0.</summary>
    internal static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = TrimZeros(a);
        b = TrimZeros(b);
        if (a.Length != b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return Math.Sign(a.SequenceCompareTo(b));
    }

    private static ReadOnlySpan<char> TrimZeros(ReadOnlySpan<char> digits) => digits.TrimStart('0');

    private static bool IsAllDigits(ReadOnlySpan<char> s)
    {
        // A plain loop: ContainsAnyExceptInRange allocates on some inputs.
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }

    private static ReadOnlySpan<char> Digits(ReadOnlySpan<char> s, scoped ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return s[start..i];
    }

    private static bool IsSeparator(char c) => c is '-' or '_' or '.';

    // The order of packaging's alternation: alpha|a|beta|b|preview|pre|c|rc.
    private static readonly (string Label, int Kind)[] PreLabels =
        [("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("preview", 3), ("pre", 3), ("c", 3), ("rc", 3)];

    private static int MatchPreLabel(ReadOnlySpan<char> s, out int length)
    {
        foreach (var (label, kind) in PreLabels)
        {
            if (StartsWithIgnoreCase(s, label))
            {
                length = label.Length;
                return kind;
            }
        }

        length = 0;
        return 0;
    }

    private static int MatchPostLabel(ReadOnlySpan<char> s)
    {
        if (StartsWithIgnoreCase(s, "post"))
        {
            return 4;
        }

        if (StartsWithIgnoreCase(s, "rev"))
        {
            return 3;
        }

        return StartsWithIgnoreCase(s, "r") ? 1 : 0;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<char> s, string lowercasePrefix)
    {
        // ASCII only: packaging's labels never match non-ASCII letters.
        if (s.Length < lowercasePrefix.Length)
        {
            return false;
        }

        for (var k = 0; k < lowercasePrefix.Length; k++)
        {
            if (!char.IsAsciiLetter(s[k]) || (char)(s[k] | 0x20) != lowercasePrefix[k])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Fail(int at, string what, out int position, out string expected)
    {
        position = at;
        expected = what;
        return false;
    }
}
