using System.Diagnostics.CodeAnalysis;

namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>
/// One version as node-semver's <c>SemVer</c> class parses it, held as spans of the input so that
/// parsing and comparing allocate nothing. Strict mode is node-semver's <c>FULL</c> grammar (an
/// optional leading 'v', surrounding whitespace trimmed); loose mode is its <c>LOOSE</c> grammar
/// (any run of 'v', '=' and whitespace first, leading zeros, the pre-release hyphen optional).
/// </summary>
internal readonly ref struct NpmVersion
{
    /// <summary>node-semver's MAX_LENGTH.</summary>
    public const int MaxLength = 256;

    /// <summary>JavaScript's Number.MAX_SAFE_INTEGER: larger major, minor or patch numbers are invalid.</summary>
    public const long MaxSafeInteger = 9007199254740991;

    private NpmVersion(long major, long minor, long patch, ReadOnlySpan<char> prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
    }

    /// <summary>A version from its parts (the comparators of a parsed range).</summary>
    public static NpmVersion Create(long major, long minor, long patch, ReadOnlySpan<char> prerelease) =>
        new(major, minor, patch, prerelease);

    public long Major { get; }

    public long Minor { get; }

    public long Patch { get; }

    /// <summary>The pre-release identifiers without the leading '-', empty for a release.</summary>
    public ReadOnlySpan<char> Prerelease { get; }

    public bool IsPrerelease => !Prerelease.IsEmpty;

    /// <summary>Parses like <c>new SemVer(text, { loose })</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool loose, out NpmVersion version, [NotNullWhen(false)] out string? reason)
    {
        var problem = Parse(text, loose, out version);
        reason = problem is null ? null : $"invalid npm version '{text.Trim()}': {problem}";
        return problem is null;
    }

    /// <summary>Parses without building a reason, so that comparing allocates nothing.</summary>
    public static bool TryParseNoReason(ReadOnlySpan<char> text, bool loose, out NpmVersion version) =>
        Parse(text, loose, out version) is null;

    /// <summary>Null when <paramref name="text"/> parses; otherwise a constant description of the problem.</summary>
    private static string? Parse(ReadOnlySpan<char> text, bool loose, out NpmVersion version)
    {
        version = default;
        if (text.Length > MaxLength)
        {
            return "longer than 256 characters";
        }

        text = text.Trim();
        var i = 0;
        if (loose)
        {
            while (i < text.Length && (text[i] is 'v' or '=' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }
        }
        else if (i < text.Length && text[i] == 'v')
        {
            i++;
        }

        long minor = 0, patch = 0;
        var problem = Number(text, ref i, loose, out var major)
            ?? Expect(text, ref i, '.')
            ?? Number(text, ref i, loose, out minor)
            ?? Expect(text, ref i, '.')
            ?? Number(text, ref i, loose, out patch);
        if (problem is not null)
        {
            return problem;
        }

        if (loose && i < text.Length)
        {
            // The loose pattern backtracks: when the rest does not parse after the longest patch number,
            // node-semver's regular expression gives digits of it to a hyphen-less pre-release
            // ("2.1.11.3" is 2.1.1-1.3). Try shorter patch numbers, longest first, as the regex does.
            var patchStart = i;
            while (text[patchStart - 1] != '.')
            {
                patchStart--;
            }

            for (var end = i; end > patchStart; end--)
            {
                var digits = text[patchStart..end];
                if (SemVerPrecedence.CompareNumbers(digits, "9007199254740991") <= 0 && Tail(text, end, loose: true, out var pre))
                {
                    patch = long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
                    version = new NpmVersion(major, minor, patch, pre);
                    return null;
                }
            }

            return "bad pre-release or build";
        }

        if (!Tail(text, i, loose: false, out var prerelease))
        {
            return "bad pre-release or build";
        }

        version = new NpmVersion(major, minor, patch, prerelease);
        return null;
    }

    /// <summary>Parses what follows MAJOR.MINOR.PATCH: an optional pre-release and optional build metadata.</summary>
    private static bool Tail(ReadOnlySpan<char> text, int i, bool loose, out ReadOnlySpan<char> prerelease)
    {
        prerelease = default;
        if (i < text.Length && (text[i] == '-' || (loose && text[i] != '+')))
        {
            var start = text[i] == '-' ? i + 1 : i;
            var end = start;
            while (end < text.Length && text[end] != '+')
            {
                end++;
            }

            prerelease = text[start..end];
            if (!ValidIdentifiers(prerelease, rejectLeadingZero: !loose))
            {
                // Loose mode's hyphen is optional and '-' is a letter of an identifier, so the regular expression
                // backtracks to read the hyphen as the pre-release: "4.0.0-" is 4.0.0 with pre-release "-".
                prerelease = text[i..end];
                if (!loose || start == i || !ValidIdentifiers(prerelease, rejectLeadingZero: false))
                {
                    return false;
                }
            }

            i = end;
        }

        // Only build metadata may follow: '+' and dot-separated [0-9A-Za-z-]+ identifiers.
        return i >= text.Length || (text[i] == '+' && ValidIdentifiers(text[(i + 1)..], rejectLeadingZero: false));
    }

    /// <summary>node-semver's <c>compare</c>: major, minor, patch, then pre-release; build metadata is ignored.</summary>
    public int CompareTo(in NpmVersion other)
    {
        var result = Major.CompareTo(other.Major);
        if (result == 0)
        {
            result = Minor.CompareTo(other.Minor);
        }

        if (result == 0)
        {
            result = Patch.CompareTo(other.Patch);
        }

        return result != 0 ? result : SemVerPrecedence.ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <summary>True when major, minor and patch are the same (the tuple node-semver's pre-release rule looks at).</summary>
    public bool SameTuple(in NpmVersion other) => Major == other.Major && Minor == other.Minor && Patch == other.Patch;

    private static string? Expect(ReadOnlySpan<char> text, ref int i, char expected)
    {
        if (i < text.Length && text[i] == expected)
        {
            i++;
            return null;
        }

        return "expected MAJOR.MINOR.PATCH";
    }

    private static string? Number(ReadOnlySpan<char> text, ref int i, bool loose, out long value)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var digits = text[start..i];
        value = 0;
        if (digits.IsEmpty)
        {
            return "expected MAJOR.MINOR.PATCH";
        }

        if (!loose && digits.Length > 1 && digits[0] == '0')
        {
            return "a number has a leading zero";
        }

        if (SemVerPrecedence.CompareNumbers(digits, "9007199254740991") > 0)
        {
            return "a number is larger than Number.MAX_SAFE_INTEGER";
        }

        value = long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }

    private static bool ValidIdentifiers(ReadOnlySpan<char> text, bool rejectLeadingZero)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var range in text.Split('.'))
        {
            var identifier = text[range];
            if (!SemVerPrecedence.IsIdentifier(identifier))
            {
                return false;
            }

            if (rejectLeadingZero && identifier.Length > 1 && identifier[0] == '0' && SemVerPrecedence.IsNumeric(identifier))
            {
                return false;
            }
        }

        return true;
    }
}
