using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>A union of Maven restrictions: a version is in the range when any restriction contains it.</summary>
internal sealed class MavenVersionRange(IReadOnlyList<MavenRestriction> restrictions) : IVersionRange
{
    /// <inheritdoc/>
    public bool Contains(ReadOnlySpan<char> version)
    {
        foreach (var restriction in restrictions)
        {
            if (restriction.Contains(version))
            {
                return true;
            }
        }

        return false;
    }
}
