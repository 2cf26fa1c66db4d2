namespace Drydock.Ecosystems.Versioning.Composer;

/// <summary>
/// PHP's <c>version_compare()</c> (ext/standard/versioning.c): the string is canonicalised ('-', '_', '+' and
/// other non-alphanumerics become '.', a '.' is inserted between digits and letters), then compared part by
/// part: numbers numerically, words by the special forms dev &lt; alpha = a &lt; beta = b &lt; RC = rc &lt; # &lt;
/// pl = p (prefix match; any other word sorts below dev), a number counting as "#". One deviation: numbers
/// compare at any size, where PHP's strtol saturates above 2^63 (osv-scanner and Composer users expect size).
/// </summary>
internal static class PhpVersionCompare
{
    private const string NumberForm = "#N#";

    public static int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.IsEmpty || right.IsEmpty)
        {
            return left.IsEmpty && right.IsEmpty ? 0 : (left.IsEmpty ? -1 : 1);
        }

        Span<char> leftBuffer = left.Length <= 256 ? stackalloc char[(2 * left.Length) + 1] : new char[(2 * left.Length) + 1];
        Span<char> rightBuffer = right.Length <= 256 ? stackalloc char[(2 * right.Length) + 1] : new char[(2 * right.Length) + 1];
        var v1 = left[0] == '#' ? left : leftBuffer[..Canonicalize(left, leftBuffer)];
        var v2 = right[0] == '#' ? right : rightBuffer[..Canonicalize(right, rightBuffer)];
        return CompareCanonical(v1, v2);
    }

    private static int CompareCanonical(ReadOnlySpan<char> v1, ReadOnlySpan<char> v2)
    {
        // p and n mirror the C loop: p is the current part's start, n the '.' ending it (or -1 at the end).
        int p1 = 0, p2 = 0, n1 = 0, n2 = 0, compare = 0;
        while (p1 < v1.Length && p2 < v2.Length && n1 >= 0 && n2 >= 0)
        {
            n1 = IndexOfDot(v1, p1);
            n2 = IndexOfDot(v2, p2);
            var part1 = v1[p1..(n1 < 0 ? v1.Length : n1)];
            var part2 = v2[p2..(n2 < 0 ? v2.Length : n2)];
            var digit1 = part1.Length > 0 && char.IsAsciiDigit(part1[0]);
            var digit2 = part2.Length > 0 && char.IsAsciiDigit(part2[0]);
            if (digit1 && digit2)
            {
                compare = CompareNumbers(part1, part2);
            }
            else if (!digit1 && !digit2)
            {
                compare = CompareSpecialForms(part1, part2);
            }
            else
            {
                compare = digit1 ? CompareSpecialForms(NumberForm, part2) : CompareSpecialForms(part1, NumberForm);
            }

            if (compare != 0)
            {
                break;
            }

            if (n1 >= 0)
            {
                p1 = n1 + 1;
            }

            if (n2 >= 0)
            {
                p2 = n2 + 1;
            }
        }

        if (compare == 0)
        {
            if (n1 >= 0)
            {
                compare = p1 < v1.Length && char.IsAsciiDigit(v1[p1]) ? 1 : Compare(v1[p1..], NumberForm);
            }
            else if (n2 >= 0)
            {
                compare = p2 < v2.Length && char.IsAsciiDigit(v2[p2]) ? -1 : Compare(NumberForm, v2[p2..]);
            }
        }

        return compare;
    }

    private static int IndexOfDot(ReadOnlySpan<char> s, int from)
    {
        var i = s[from..].IndexOf('.');
        return i < 0 ? -1 : from + i;
    }

    /// <summary>php_canonicalize_version: returns the canonical length written to <paramref name="buffer"/>.</summary>
    private static int Canonicalize(ReadOnlySpan<char> version, Span<char> buffer)
    {
        var q = 0;
        var lp = version[0];
        buffer[q++] = lp;
        for (var i = 1; i < version.Length; i++)
        {
            var c = version[i];
            if (c is '-' or '_' or '+')
            {
                if (buffer[q - 1] != '.')
                {
                    buffer[q++] = '.';
                }
            }
            else if ((IsNonDigit(lp) && IsDigit(c)) || (IsDigit(lp) && IsNonDigit(c)))
            {
                if (buffer[q - 1] != '.')
                {
                    buffer[q++] = '.';
                }

                buffer[q++] = c;
            }
            else if (!char.IsAsciiLetterOrDigit(c))
            {
                if (buffer[q - 1] != '.')
                {
                    buffer[q++] = '.';
                }
            }
            else
            {
                buffer[q++] = c;
            }

            lp = c;
        }

        return q;
    }

    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    private static bool IsNonDigit(char c) => !char.IsAsciiDigit(c) && c != '.';

    private static int CompareSpecialForms(ReadOnlySpan<char> form1, ReadOnlySpan<char> form2) =>
        Math.Sign(SpecialForm(form1) - SpecialForm(form2));

    private static int SpecialForm(ReadOnlySpan<char> form)
    {
        // strncmp(form, name, strlen(name)): a prefix match, in this order.
        if (form.StartsWith("dev", StringComparison.Ordinal))
        {
            return 0;
        }

        if (form.StartsWith("alpha", StringComparison.Ordinal) || form.StartsWith("a", StringComparison.Ordinal))
        {
            return 1;
        }

        if (form.StartsWith("beta", StringComparison.Ordinal) || form.StartsWith("b", StringComparison.Ordinal))
        {
            return 2;
        }

        if (form.StartsWith("RC", StringComparison.Ordinal) || form.StartsWith("rc", StringComparison.Ordinal))
        {
            return 3;
        }

        if (form.StartsWith("#", StringComparison.Ordinal))
        {
            return 4;
        }

        if (form.StartsWith("pl", StringComparison.Ordinal) || form.StartsWith("p", StringComparison.Ordinal))
        {
            return 5;
        }

        return -1;
    }

    private static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // strtol reads the leading digits; canonical parts that start with a digit are all digits.
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(a.SequenceCompareTo(b));
    }
}
