using System.Diagnostics.CodeAnalysis;

namespace Drydock.Scanning.Abstractions.Versioning;

/// <summary>A total order over the version strings of one ecosystem (deb, rpm, apk, semver, pypi …).</summary>
public interface IVersionScheme
{
    /// <summary>Stable lowercase id, as <c>drydock debug vercmp --ecosystem</c> takes it: deb, rpm, apk,
    /// semver, npm, pypi, maven, go, nuget, rubygems, cargo, composer.</summary>
    string Name { get; }

    /// <summary>True when <paramref name="version"/> is valid in this scheme; otherwise the reason.</summary>
    bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason);

    /// <summary>Compares two versions: negative, zero or positive. Does not allocate. Versions that are not
    /// valid are ordered consistently but without meaning; validate first where it matters.</summary>
    int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right);
}
