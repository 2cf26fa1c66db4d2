using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.PackageManagers.Dpkg;

/// <summary>
/// Debian package versions, <c>[epoch:]upstream[-revision]</c>, ordered the way dpkg's
/// <c>verrevcmp</c> orders them (deb-version(7)): runs of non-digits compare character by character
/// with letters before other characters and <c>~</c> before everything, even the end; runs of digits
/// compare as numbers.
/// </summary>
/// <remarks>
/// Generation: current upstream dpkg (the <c>Dpkg_Version.t</c> vectors). An empty revision
/// (<c>0foo-</c>) and an empty upstream version before a revision (<c>-0.6.5</c>) are accepted and
/// compare as empty strings; dpkg 1.21 (Debian 12) rejects both. What dpkg only warns about (an upstream
/// version not starting with a digit, as in <c>v3.4.8-1</c>, or characters outside deb-version(7), as in
/// <c>1.0_1</c>) is accepted and compared as <c>dpkg --compare-versions</c> compares it: byte by byte on the
/// UTF-8 text, where dpkg reads a byte above 0x7F as a signed char and so orders it after the letters and
/// before the other characters. Control characters are refused: no package database holds them.
/// </remarks>
internal sealed class DpkgVersionScheme : IVersionScheme
{
    public static DpkgVersionScheme Instance { get; } = new();

    private DpkgVersionScheme()
    {
    }

    public string Name => "deb";

    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        var trimmed = version.Trim(' ');
        if (trimmed.IsEmpty)
        {
            reason = "version string is empty";
            return false;
        }

        if (trimmed.ContainsAny(' ', '\t'))
        {
            reason = "version string has embedded spaces";
            return false;
        }

        Split(trimmed, out var epoch, out var upstream, out var revision, out var hasEpoch);
        if (hasEpoch)
        {
            if (epoch.IsEmpty)
            {
                reason = "epoch in version is empty";
                return false;
            }

            if (epoch.ContainsAnyExceptInRange('0', '9'))
            {
                reason = "epoch in version is not number";
                return false;
            }

            if (CompareNumber(epoch, "2147483647") > 0)
            {
                reason = "epoch in version is too big";
                return false;
            }
        }

        if (upstream.IsEmpty && revision.IsEmpty)
        {
            reason = "version number is empty";
            return false;
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                reason = $"control character U+{(int)c:X4} in version";
                return false;
            }
        }

        reason = null;
        return true;
    }

    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        Split(left.Trim(' '), out var leftEpoch, out var leftUpstream, out var leftRevision, out _);
        Split(right.Trim(' '), out var rightEpoch, out var rightUpstream, out var rightRevision, out _);
        var result = CompareNumber(leftEpoch, rightEpoch);
        if (result != 0)
        {
            return result;
        }

        // One check of the whole strings keeps the common, all-ASCII case on the chars.
        var ascii = Ascii.IsValid(left) && Ascii.IsValid(right);
        result = ascii ? VerRevCompare(leftUpstream, rightUpstream) : CompareUtf8(leftUpstream, rightUpstream);
        if (result != 0)
        {
            return result;
        }

        return ascii ? VerRevCompare(leftRevision, rightRevision) : CompareUtf8(leftRevision, rightRevision);
    }

    /// <summary>verrevcmp on the UTF-8 bytes dpkg sees, for versions that are not all ASCII.</summary>
    private static int CompareUtf8(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var aLength = Encoding.UTF8.GetByteCount(a);
        var bLength = Encoding.UTF8.GetByteCount(b);
        Span<byte> aBytes = aLength <= 256 ? stackalloc byte[aLength] : new byte[aLength];
        Span<byte> bBytes = bLength <= 256 ? stackalloc byte[bLength] : new byte[bLength];
        Encoding.UTF8.GetBytes(a, aBytes);
        Encoding.UTF8.GetBytes(b, bBytes);
        return VerRevCompare<byte>(aBytes, bBytes);
    }

    /// <summary>Splits at the first colon (epoch) and the last hyphen (revision), as dpkg's parseversion does.</summary>
    private static void Split(
        ReadOnlySpan<char> version,
        out ReadOnlySpan<char> epoch,
        out ReadOnlySpan<char> upstream,
        out ReadOnlySpan<char> revision,
        out bool hasEpoch)
    {
        var colon = version.IndexOf(':');
        hasEpoch = colon >= 0;
        if (hasEpoch)
        {
            epoch = version[..colon];
            version = version[(colon + 1)..];
        }
        else
        {
            epoch = default;
        }

        var hyphen = version.LastIndexOf('-');
        if (hyphen >= 0)
        {
            upstream = version[..hyphen];
            revision = version[(hyphen + 1)..];
        }
        else
        {
            upstream = version;
            revision = default;
        }
    }

    /// <summary>Compares two runs of ASCII digits by value, without a size limit; empty is zero.</summary>
    private static int CompareNumber(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        left = left.TrimStart('0');
        right = right.TrimStart('0');
        if (left.Length != right.Length)
        {
            return left.Length < right.Length ? -1 : 1;
        }

        return Math.Sign(left.SequenceCompareTo(right));
    }

    /// <summary>The weight of one character in a non-digit run: '~' below the end, letters next, then the rest.
    /// A byte above 0x7F weighs its own value: dpkg adds 256 to a signed char, which is the byte minus 256.</summary>
    private static int Order<T>(ReadOnlySpan<T> text, int index)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (index >= text.Length)
        {
            return 0;
        }

        var c = int.CreateTruncating(text[index]);
        return c switch
        {
            '~' => -1,
            >= '0' and <= '9' => 0,
            >= 'a' and <= 'z' or >= 'A' and <= 'Z' => c,
            > 0x7F => c,
            _ => c + 256,
        };
    }

    private static bool IsDigit<T>(T c)
        where T : unmanaged, IBinaryInteger<T> => uint.CreateTruncating(c) - '0' <= 9;

    private static int VerRevCompare<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IBinaryInteger<T>
    {
        var zero = T.CreateTruncating('0');
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !IsDigit(a[i])) || (j < b.Length && !IsDigit(b[j])))
            {
                var ac = Order(a, i);
                var bc = Order(b, j);
                if (ac != bc)
                {
                    return ac < bc ? -1 : 1;
                }

                i++;
                j++;
            }

            while (i < a.Length && a[i] == zero)
            {
                i++;
            }

            while (j < b.Length && b[j] == zero)
            {
                j++;
            }

            var firstDiff = 0;
            while (i < a.Length && j < b.Length && IsDigit(a[i]) && IsDigit(b[j]))
            {
                if (firstDiff == 0)
                {
                    firstDiff = int.CreateTruncating(a[i]) - int.CreateTruncating(b[j]);
                }

                i++;
                j++;
            }

            if (i < a.Length && IsDigit(a[i]))
            {
                return 1;
            }

            if (j < b.Length && IsDigit(b[j]))
            {
                return -1;
            }

            if (firstDiff != 0)
            {
                return firstDiff < 0 ? -1 : 1;
            }
        }

        return 0;
    }
}
