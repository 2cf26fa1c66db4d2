using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.PackageManagers.Rpm;

/// <summary>
/// RPM <c>[epoch:]version[-release]</c> strings, ordered like rpm's <c>labelCompare</c>: the epoch
/// (missing = 0), then the version and then the release with <c>rpmvercmp</c>. A missing release
/// sorts below any release, as in <c>rpm.labelCompare</c>.
/// </summary>
/// <remarks>
/// Generation: rpm 4.18 and later (the <c>rpmvercmp.at</c> vectors, including tilde and caret and the
/// "arguably buggy" non-ASCII cases, which are still current behaviour). The split follows rpm's
/// <c>parseEVR</c>: leading digits followed by a colon are the epoch, the last hyphen starts the release.
/// </remarks>
internal sealed class RpmVersionScheme : IVersionScheme
{
    public static RpmVersionScheme Instance { get; } = new();

    private RpmVersionScheme()
    {
    }

    public string Name => "rpm";

    /// <summary>
    /// Accepts what rpm's own parser (<c>rpmverParse</c>, python's <c>rpm.ver</c>) accepts: any non-empty string.
    /// A non-numeric "epoch" is part of the version (<c>a:1</c>), an empty release is a release (<c>1-</c>).
    /// Whitespace and control characters are refused on top: no rpm header carries them (rpmbuild rejects them).
    /// </summary>
    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        if (version.IsEmpty)
        {
            reason = "version string is empty";
            return false;
        }

        foreach (var c in version)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                reason = "version string contains whitespace or a control character";
                return false;
            }
        }

        reason = null;
        return true;
    }

    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        Split(left, out var leftEpoch, out var leftVersion, out var leftRelease, out var leftHasRelease);
        Split(right, out var rightEpoch, out var rightVersion, out var rightRelease, out var rightHasRelease);
        var result = VerCmp(leftEpoch.IsEmpty ? "0" : leftEpoch, rightEpoch.IsEmpty ? "0" : rightEpoch);
        if (result != 0)
        {
            return result;
        }

        result = VerCmp(leftVersion, rightVersion);
        if (result != 0)
        {
            return result;
        }

        if (leftHasRelease != rightHasRelease)
        {
            return leftHasRelease ? 1 : -1;
        }

        return VerCmp(leftRelease, rightRelease);
    }

    /// <summary>rpm's parseEVR: an epoch only when the leading digits end in a colon; the release after the last hyphen.</summary>
    private static void Split(
        ReadOnlySpan<char> evr,
        out ReadOnlySpan<char> epoch,
        out ReadOnlySpan<char> version,
        out ReadOnlySpan<char> release,
        out bool hasRelease)
    {
        var digits = 0;
        while (digits < evr.Length && char.IsAsciiDigit(evr[digits]))
        {
            digits++;
        }

        if (digits < evr.Length && evr[digits] == ':')
        {
            epoch = evr[..digits];
            evr = evr[(digits + 1)..];
        }
        else
        {
            epoch = default;
        }

        var hyphen = evr.LastIndexOf('-');
        hasRelease = hyphen >= 0;
        if (hasRelease)
        {
            version = evr[..hyphen];
            release = evr[(hyphen + 1)..];
        }
        else
        {
            version = evr;
            release = default;
        }
    }

    /// <summary>rpmvercmp: alternating alphabetic and numeric segments, separators skipped, '~' lowest, '^' just above the end.</summary>
    internal static int VerCmp(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && IsSeparator(a[i]))
            {
                i++;
            }

            while (j < b.Length && IsSeparator(b[j]))
            {
                j++;
            }

            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';
            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '^' || cb == '^')
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            int startA = i, startB = j;
            bool numeric = char.IsAsciiDigit(a[i]);
            if (numeric)
            {
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
            }
            else
            {
                while (i < a.Length && char.IsAsciiLetter(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiLetter(b[j]))
                {
                    j++;
                }
            }

            if (j == startB)
            {
                // Segments of different kinds: a number is newer than letters.
                return numeric ? 1 : -1;
            }

            var segA = a[startA..i];
            var segB = b[startB..j];
            if (numeric)
            {
                segA = segA.TrimStart('0');
                segB = segB.TrimStart('0');
                if (segA.Length != segB.Length)
                {
                    return segA.Length < segB.Length ? -1 : 1;
                }
            }

            var result = segA.SequenceCompareTo(segB);
            if (result != 0)
            {
                return result < 0 ? -1 : 1;
            }
        }

        if (i >= a.Length && j >= b.Length)
        {
            return 0;
        }

        return i >= a.Length ? -1 : 1;
    }

    private static bool IsSeparator(char c) => !char.IsAsciiLetterOrDigit(c) && c != '~' && c != '^';
}
