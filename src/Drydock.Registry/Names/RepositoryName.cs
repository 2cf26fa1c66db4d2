using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Drydock.Registry.Names;

/// <summary>
/// A repository name as the distribution spec defines it, with one or more path components
/// (<c>team/app/api</c>). The first component is the namespace (TCR's model).
/// </summary>
public sealed partial record RepositoryName
{
    // The spec's <name> grammar; distribution additionally caps the whole name at 255 characters.
    private const int MaxLength = 255;

    private RepositoryName(string value)
    {
        Value = value;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        Namespace = slash < 0 ? value : value[..slash];
    }

    public string Value { get; }

    /// <summary>The first path component.</summary>
    public string Namespace { get; }

    public override string ToString() => Value;

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out RepositoryName? name)
    {
        name = null;
        if (value is null || value.Length is 0 or > MaxLength || !NamePattern().IsMatch(value))
        {
            return false;
        }

        name = new RepositoryName(value);
        return true;
    }

    /// <summary>True when <paramref name="value"/> is a valid single path component (used as a namespace name).</summary>
    public static bool IsValidComponent([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= MaxLength } && ComponentPattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentPattern();
}
