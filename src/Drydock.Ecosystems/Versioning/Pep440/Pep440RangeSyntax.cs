using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Pep440;

/// <summary>PEP 440 specifier sets (<c>&gt;=1.0, !=1.3.*, &lt;2</c>), evaluated as current packaging does with
/// pre-releases allowed (the matcher asks about versions that are installed, pre-release or not).</summary>
internal sealed class Pep440RangeSyntax : IRangeSyntax
{
    public static readonly Pep440RangeSyntax Instance = new();

    private Pep440RangeSyntax()
    {
    }

    /// <inheritdoc/>
    public string Name => "pypi";

    /// <inheritdoc/>
    public bool TryParse(string range, [NotNullWhen(true)] out IVersionRange? result, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(range);
        var specifiers = new List<Pep440Specifier>();
        foreach (var part in range.Split(','))
        {
            if (part.Trim().Length == 0)
            {
                continue; // packaging drops empty items; an empty set holds every version
            }

            if (!Pep440Specifier.TryParse(part, out var specifier, out reason))
            {
                result = null;
                return false;
            }

            specifiers.Add(specifier);
        }

        result = new Pep440SpecifierSet(specifiers);
        reason = null;
        return true;
    }
}
