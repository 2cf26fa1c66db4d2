using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.RubyGems;

/// <summary>A requirement array: a version is in it when every requirement holds.</summary>
internal sealed class RubyGemsRequirementSet(IReadOnlyList<RubyGemsRequirement> requirements) : IVersionRange
{
    /// <inheritdoc/>
    public bool Contains(ReadOnlySpan<char> version)
    {
        if (!RubyGemsVersionScheme.IsValid(version))
        {
            return false;
        }

        foreach (var requirement in requirements)
        {
            if (!requirement.IsSatisfiedBy(version))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", requirements);
}
