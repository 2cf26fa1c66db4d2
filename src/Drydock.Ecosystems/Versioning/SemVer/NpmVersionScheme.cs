using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>
/// npm package versions, ordered like node-semver's <c>compare</c>. The registered instance parses in
/// loose mode (<c>{ loose: true }</c>: 'v' and '=' prefixes, leading zeros, an optional pre-release
/// hyphen), because versions in lockfiles and advisories are not always clean; <see cref="Strict"/> is
/// node-semver's default parsing.
/// </summary>
/// <remarks>
/// Generation: node-semver 7.x (vectors from 7.8.x fixtures, oracle semver@7.7.2). Invalid strings,
/// which node-semver refuses to compare, sort below every valid version and equal to each other.
/// </remarks>
internal sealed class NpmVersionScheme : IVersionScheme
{
    private readonly bool _loose;

    private NpmVersionScheme(bool loose) => _loose = loose;

    /// <summary>The registered scheme: loose parsing.</summary>
    public static NpmVersionScheme Instance { get; } = new(loose: true);

    /// <summary>node-semver without options.</summary>
    public static NpmVersionScheme Strict { get; } = new(loose: false);

    public string Name => "npm";

    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason) =>
        NpmVersion.TryParse(version, _loose, out _, out reason);

    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var leftValid = NpmVersion.TryParseNoReason(left, _loose, out var a);
        var rightValid = NpmVersion.TryParseNoReason(right, _loose, out var b);
        if (!leftValid || !rightValid)
        {
            return leftValid == rightValid ? 0 : leftValid ? 1 : -1;
        }

        return Math.Sign(a.CompareTo(b));
    }
}
