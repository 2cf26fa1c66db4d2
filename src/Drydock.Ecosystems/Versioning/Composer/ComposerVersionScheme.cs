using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Composer;

/// <summary>
/// Composer/Packagist versions: PHP's <c>version_compare</c> after Composer's <c>VersionParser::normalize</c>
/// (so <c>v1.0</c>, <c>1.0.0</c> and <c>1.0.0.0</c> are equal, <c>1.0-b2</c> is <c>1.0.0.0-beta2</c>). A string
/// Composer cannot normalise is invalid; it is still ordered, by version_compare on the text without its
/// leading <c>v</c> (as osv-scanner orders Packagist versions).
/// </summary>
internal sealed class ComposerVersionScheme : IVersionScheme
{
    public static readonly ComposerVersionScheme Instance = new();

    private const int StackLimit = 256;

    private ComposerVersionScheme()
    {
    }

    /// <inheritdoc/>
    public string Name => "composer";

    /// <inheritdoc/>
    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        Span<char> buffer = version.Length <= StackLimit ? stackalloc char[version.Length + ComposerNormalizer.Growth] : new char[version.Length + ComposerNormalizer.Growth];
        if (ComposerNormalizer.Normalize(version, buffer) < 0)
        {
            reason = $"Invalid version string \"{version}\" (Composer cannot normalise it).";
            return false;
        }

        reason = null;
        return true;
    }

    /// <inheritdoc/>
    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.SequenceEqual(right))
        {
            return 0;
        }

        Span<char> leftBuffer = left.Length <= StackLimit ? stackalloc char[left.Length + ComposerNormalizer.Growth] : new char[left.Length + ComposerNormalizer.Growth];
        Span<char> rightBuffer = right.Length <= StackLimit ? stackalloc char[right.Length + ComposerNormalizer.Growth] : new char[right.Length + ComposerNormalizer.Growth];
        return PhpVersionCompare.Compare(Normalized(left, leftBuffer), Normalized(right, rightBuffer));
    }

    /// <summary>Composer's normalised form ("v1.2-beta" → "1.2.0.0-beta"), or the reason it has none.</summary>
    public static bool TryNormalize(ReadOnlySpan<char> version, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? reason)
    {
        var buffer = new char[version.Length + ComposerNormalizer.Growth];
        var length = ComposerNormalizer.Normalize(version, buffer);
        if (length < 0)
        {
            normalized = null;
            reason = $"Invalid version string \"{version}\" (Composer cannot normalise it).";
            return false;
        }

        normalized = new string(buffer, 0, length);
        reason = null;
        return true;
    }

    private static ReadOnlySpan<char> Normalized(ReadOnlySpan<char> version, Span<char> buffer)
    {
        var length = ComposerNormalizer.Normalize(version, buffer);
        if (length >= 0)
        {
            return buffer[..length];
        }

        var raw = version.Trim();
        return raw.Length > 0 && raw[0] is 'v' or 'V' ? raw[1..] : raw;
    }
}
