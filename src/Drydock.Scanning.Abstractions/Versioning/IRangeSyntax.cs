using System.Diagnostics.CodeAnalysis;

namespace Drydock.Scanning.Abstractions.Versioning;

/// <summary>Parses an ecosystem's native range notation into an <see cref="IVersionRange"/>.</summary>
public interface IRangeSyntax
{
    /// <summary>The version scheme name this syntax belongs to (npm, pypi, maven, nuget, rubygems, composer …).</summary>
    string Name { get; }

    /// <summary>Parses <paramref name="range"/>, or gives the reason it is not a valid range.</summary>
    bool TryParse(string range, [NotNullWhen(true)] out IVersionRange? result, [NotNullWhen(false)] out string? reason);
}
