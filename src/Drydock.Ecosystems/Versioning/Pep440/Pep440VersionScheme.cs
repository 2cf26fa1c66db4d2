using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Pep440;

/// <summary>
/// PEP 440 as current pypa/packaging implements it (≥ 22: no LegacyVersion; strings packaging rejects are
/// invalid here). Comparison parses both sides on the stack and walks them component by component.
/// </summary>
internal sealed class Pep440VersionScheme : IVersionScheme
{
    public static readonly Pep440VersionScheme Instance = new();

    private Pep440VersionScheme()
    {
    }

    /// <inheritdoc/>
    public string Name => "pypi";

    /// <inheritdoc/>
    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason) =>
        Pep440Version.TryParse(version, out _, out reason);

    /// <inheritdoc/>
    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var leftValid = Pep440Version.TryParse(left, out var a, out _, out _);
        var rightValid = Pep440Version.TryParse(right, out var b, out _, out _);
        if (leftValid && rightValid)
        {
            return Pep440Version.Compare(a, b);
        }

        // Invalid strings sort below every valid version, and among themselves by ordinal order, so the
        // order stays total.
        if (leftValid != rightValid)
        {
            return leftValid ? 1 : -1;
        }

        return Math.Sign(left.SequenceCompareTo(right));
    }

    /// <summary>packaging's <c>str(Version(version))</c>: the normalised form ("1.0-ALPHA1" → "1.0a1").</summary>
    public static bool TryNormalize(ReadOnlySpan<char> version, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? reason)
    {
        if (Pep440Version.TryParse(version, out var parsed, out reason))
        {
            normalized = parsed.Normalize();
            return true;
        }

        normalized = null;
        return false;
    }
}
