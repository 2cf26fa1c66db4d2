using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>
/// Semantic Versioning 2.0.0: <c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c>, ordered by precedence
/// (§11; build metadata is ignored). This is also OSV's <c>SEMVER</c> range type.
/// </summary>
/// <remarks>
/// Generation: the SemVer 2.0.0 specification. <see cref="TryValidate"/> is strict (no leading zeros,
/// no 'v', exactly three numbers). <see cref="Compare"/> is lenient the way OSV consumers are: a leading
/// 'v' is skipped and any number of dotted numbers compare one by one (missing ones are zero), so the
/// loose strings advisories contain still sort sensibly (the osv-scanner SEMVER fixtures).
/// </remarks>
internal sealed class SemVerVersionScheme : IVersionScheme
{
    public static SemVerVersionScheme Instance { get; } = new();

    private SemVerVersionScheme()
    {
    }

    public string Name => "semver";

    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason) =>
        Validate(version, out reason);

    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right) => CompareLenient(left, right);

    /// <summary>Strict SemVer 2.0.0 syntax.</summary>
    internal static bool Validate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        if (version.IsEmpty)
        {
            reason = "version string is empty";
            return false;
        }

        var plus = version.IndexOf('+');
        var build = plus < 0 ? default : version[(plus + 1)..];
        var rest = plus < 0 ? version : version[..plus];
        var hyphen = rest.IndexOf('-');
        var prerelease = hyphen < 0 ? default : rest[(hyphen + 1)..];
        var main = hyphen < 0 ? rest : rest[..hyphen];

        var parts = 0;
        foreach (var range in main.Split('.'))
        {
            var number = main[range];
            parts++;
            if (!SemVerPrecedence.IsNumeric(number))
            {
                reason = $"'{number}' in '{version}' is not a number (MAJOR.MINOR.PATCH)";
                return false;
            }

            if (number.Length > 1 && number[0] == '0')
            {
                reason = $"'{number}' in '{version}' has a leading zero";
                return false;
            }
        }

        if (parts != 3)
        {
            reason = $"'{version}' does not have three numbers MAJOR.MINOR.PATCH";
            return false;
        }

        if (hyphen >= 0 && !ValidIdentifiers(prerelease, numericWithoutLeadingZero: true, out reason))
        {
            reason = $"pre-release of '{version}': {reason}";
            return false;
        }

        if (plus >= 0 && !ValidIdentifiers(build, numericWithoutLeadingZero: false, out reason))
        {
            reason = $"build metadata of '{version}': {reason}";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Dot-separated, non-empty [0-9A-Za-z-] identifiers; pre-release numbers without leading zeros.</summary>
    internal static bool ValidIdentifiers(ReadOnlySpan<char> text, bool numericWithoutLeadingZero, [NotNullWhen(false)] out string? reason)
    {
        foreach (var range in text.Split('.'))
        {
            var identifier = text[range];
            if (!SemVerPrecedence.IsIdentifier(identifier))
            {
                reason = identifier.IsEmpty ? "empty identifier" : $"'{identifier}' has characters outside [0-9A-Za-z-]";
                return false;
            }

            if (numericWithoutLeadingZero && identifier.Length > 1 && identifier[0] == '0' && SemVerPrecedence.IsNumeric(identifier))
            {
                reason = $"numeric identifier '{identifier}' has a leading zero";
                return false;
            }
        }

        reason = null;
        return true;
    }

    /// <summary>Precedence, tolerating a leading 'v' and any number of dotted numbers.</summary>
    internal static int CompareLenient(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        Split(left, out var leftMain, out var leftPre);
        Split(right, out var rightMain, out var rightPre);
        while (!leftMain.IsEmpty || !rightMain.IsEmpty)
        {
            var a = NextComponent(ref leftMain);
            var b = NextComponent(ref rightMain);
            var result = SemVerPrecedence.IsNumeric(a) && SemVerPrecedence.IsNumeric(b) || a.IsEmpty || b.IsEmpty
                ? SemVerPrecedence.CompareNumbers(a, b)
                : Math.Sign(a.SequenceCompareTo(b));
            if (result != 0)
            {
                return result;
            }
        }

        return SemVerPrecedence.ComparePrerelease(leftPre, rightPre);
    }

    private static void Split(ReadOnlySpan<char> version, out ReadOnlySpan<char> main, out ReadOnlySpan<char> prerelease)
    {
        version = version.Trim();
        if (!version.IsEmpty && version[0] is 'v' or 'V')
        {
            version = version[1..];
        }

        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version[..plus];
        }

        var hyphen = version.IndexOf('-');
        main = hyphen < 0 ? version : version[..hyphen];
        prerelease = hyphen < 0 ? default : version[(hyphen + 1)..];
    }

    private static ReadOnlySpan<char> NextComponent(ref ReadOnlySpan<char> main)
    {
        var dot = main.IndexOf('.');
        ReadOnlySpan<char> component;
        if (dot < 0)
        {
            component = main;
            main = default;
        }
        else
        {
            component = main[..dot];
            main = main[(dot + 1)..];
        }

        return component;
    }
}
