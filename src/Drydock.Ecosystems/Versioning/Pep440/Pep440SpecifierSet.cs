using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Pep440;

/// <summary>A comma-joined PEP 440 specifier set: a version is in it when every specifier holds.</summary>
internal sealed class Pep440SpecifierSet(IReadOnlyList<Pep440Specifier> specifiers) : IVersionRange
{
    /// <inheritdoc/>
    public bool Contains(ReadOnlySpan<char> version)
    {
        foreach (var specifier in specifiers)
        {
            if (!specifier.Contains(version))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(",", specifiers);
}
