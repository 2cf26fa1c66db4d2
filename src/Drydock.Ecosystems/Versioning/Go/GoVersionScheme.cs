using System.Diagnostics.CodeAnalysis;
using Drydock.Ecosystems.Versioning.SemVer;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Go;

/// <summary>
/// Go module versions as golang.org/x/mod/semver reads them: <c>vMAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]</c>,
/// with <c>v1</c> and <c>v1.2</c> short for <c>v1.0.0</c> and <c>v1.2.0</c>. Build metadata, and so
/// <c>+incompatible</c>, is ignored; pseudo-versions (<c>v0.0.0-20191109021931-daa7c04131f5</c>) are
/// pre-releases and order by their timestamp.
/// </summary>
/// <remarks>
/// Generation: golang.org/x/mod/semver (the semver_test.go table). As there, invalid versions sort below
/// every valid one and equal to each other. OSV's Go records write versions without the 'v', so a
/// version that does not start with 'v' is read as if it did.
/// </remarks>
internal sealed class GoVersionScheme : IVersionScheme
{
    public static GoVersionScheme Instance { get; } = new();

    private GoVersionScheme()
    {
    }

    public string Name => "go";

    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        var problem = Parse(version, out _, out _, out _, out _);
        reason = problem is null ? null : $"invalid Go module version '{version}': {problem}";
        return problem is null;
    }

    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var leftValid = Parse(left, out var leftMajor, out var leftMinor, out var leftPatch, out var leftPre) is null;
        var rightValid = Parse(right, out var rightMajor, out var rightMinor, out var rightPatch, out var rightPre) is null;
        if (!leftValid || !rightValid)
        {
            return leftValid == rightValid ? 0 : leftValid ? 1 : -1;
        }

        var result = SemVerPrecedence.CompareNumbers(leftMajor, rightMajor);
        if (result == 0)
        {
            result = SemVerPrecedence.CompareNumbers(leftMinor, rightMinor);
        }

        if (result == 0)
        {
            result = SemVerPrecedence.CompareNumbers(leftPatch, rightPatch);
        }

        return result != 0 ? result : SemVerPrecedence.ComparePrerelease(leftPre, rightPre);
    }

    /// <summary>Null when valid (with its parts; a missing minor or patch is empty, which compares as 0); else a constant reason.</summary>
    private static string? Parse(
        ReadOnlySpan<char> version,
        out ReadOnlySpan<char> major,
        out ReadOnlySpan<char> minor,
        out ReadOnlySpan<char> patch,
        out ReadOnlySpan<char> prerelease)
    {
        major = minor = patch = prerelease = default;
        if (!version.IsEmpty && version[0] == 'v')
        {
            version = version[1..];
        }

        var i = DigitsEnd(version, 0);
        major = version[..i];
        if (!IsNumber(major))
        {
            return "expected a number without leading zeros after 'v'";
        }

        if (i == version.Length)
        {
            return null;
        }

        var start = i + 1;
        i = DigitsEnd(version, start);
        minor = version[start..i];
        if (version[start - 1] != '.' || !IsNumber(minor))
        {
            return "expected .MINOR";
        }

        if (i == version.Length)
        {
            return null;
        }

        start = i + 1;
        i = DigitsEnd(version, start);
        patch = version[start..i];
        if (version[start - 1] != '.' || !IsNumber(patch))
        {
            return "expected .PATCH (a short version cannot have a pre-release or build)";
        }

        if (i < version.Length && version[i] == '-')
        {
            start = ++i;
            while (i < version.Length && version[i] != '+')
            {
                i++;
            }

            prerelease = version[start..i];
            foreach (var range in prerelease.Split('.'))
            {
                var identifier = prerelease[range];
                if (!SemVerPrecedence.IsIdentifier(identifier)
                    || (identifier.Length > 1 && identifier[0] == '0' && SemVerPrecedence.IsNumeric(identifier)))
                {
                    return "bad pre-release identifier";
                }
            }
        }

        if (i < version.Length && version[i] == '+')
        {
            var build = version[(i + 1)..];
            foreach (var range in build.Split('.'))
            {
                if (!SemVerPrecedence.IsIdentifier(build[range]))
                {
                    return "bad build identifier";
                }
            }

            i = version.Length;
        }

        return i == version.Length ? null : "unexpected text after the version";
    }

    private static int DigitsEnd(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end;
    }

    private static bool IsNumber(ReadOnlySpan<char> number) => !number.IsEmpty && (number.Length == 1 || number[0] != '0');
}
