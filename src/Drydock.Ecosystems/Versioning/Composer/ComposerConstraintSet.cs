using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Composer;

/// <summary>An OR of AND groups of Composer bounds. A version Composer cannot normalise is in no range.</summary>
internal sealed class ComposerConstraintSet(IReadOnlyList<IReadOnlyList<ComposerConstraint>> alternatives) : IVersionRange
{
    /// <inheritdoc/>
    public bool Contains(ReadOnlySpan<char> version)
    {
        if (!ComposerVersionScheme.TryNormalize(version, out var normalized, out _))
        {
            return false;
        }

        foreach (var group in alternatives)
        {
            if (group.All(bound => bound.Matches(normalized)))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" || ", alternatives.Select(g => string.Join(' ', g)));
}
