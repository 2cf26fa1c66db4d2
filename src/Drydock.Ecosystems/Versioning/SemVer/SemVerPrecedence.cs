namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>
/// The comparison rules SemVer 2.0.0 §11 defines, on spans: numbers by value without a size limit,
/// pre-release identifiers one by one. Shared by the SemVer, Cargo, npm and Go schemes.
/// </summary>
internal static class SemVerPrecedence
{
    /// <summary>Compares two runs of ASCII digits by value; leading zeros are ignored.</summary>
    public static int CompareNumbers(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        left = left.TrimStart('0');
        right = right.TrimStart('0');
        if (left.Length != right.Length)
        {
            return left.Length < right.Length ? -1 : 1;
        }

        return Math.Sign(left.SequenceCompareTo(right));
    }

    /// <summary>
    /// Compares pre-release strings (without the leading '-'): an empty one (a release) is greater than
    /// any other; identifiers compare numerically when both are digits, digits below letters, otherwise
    /// by ordinal; a shorter list of equal identifiers is lower.
    /// </summary>
    public static int ComparePrerelease(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.IsEmpty || right.IsEmpty)
        {
            return left.IsEmpty == right.IsEmpty ? 0 : left.IsEmpty ? 1 : -1;
        }

        while (true)
        {
            var leftDot = left.IndexOf('.');
            var rightDot = right.IndexOf('.');
            var a = leftDot < 0 ? left : left[..leftDot];
            var b = rightDot < 0 ? right : right[..rightDot];
            var result = CompareIdentifiers(a, b);
            if (result != 0)
            {
                return result;
            }

            if (leftDot < 0 || rightDot < 0)
            {
                return leftDot < 0 == rightDot < 0 ? 0 : leftDot < 0 ? -1 : 1;
            }

            left = left[(leftDot + 1)..];
            right = right[(rightDot + 1)..];
        }
    }

    /// <summary>True when <paramref name="text"/> is one or more ASCII digits.</summary>
    public static bool IsNumeric(ReadOnlySpan<char> text)
    {
        // A plain loop: MemoryExtensions.ContainsAnyExceptInRange allocates on this path.
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="text"/> is a non-empty run of [0-9A-Za-z-].</summary>
    public static bool IsIdentifier(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareIdentifiers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var aNumeric = IsNumeric(a);
        var bNumeric = IsNumeric(b);
        if (aNumeric && bNumeric)
        {
            return CompareNumbers(a, b);
        }

        if (aNumeric != bNumeric)
        {
            return aNumeric ? -1 : 1;
        }

        return Math.Sign(a.SequenceCompareTo(b));
    }
}
