namespace Drydock.Scanning.Abstractions.Versioning;

/// <summary>A parsed set of versions: an npm range, a PEP 440 specifier set, a Maven interval …</summary>
public interface IVersionRange
{
    /// <summary>True when <paramref name="version"/> is in the range.</summary>
    bool Contains(ReadOnlySpan<char> version);
}
