using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;
using NuGet.Versioning;

namespace Drydock.Ecosystems.Versioning.NuGet;

/// <summary>NuGet interval notation (<c>[1.0,2.0)</c>, <c>(,1.0]</c>, <c>[1.2]</c>, and a bare <c>1.0</c> meaning
/// "1.0 or later"), read and evaluated by NuGet.Versioning's <see cref="VersionRange"/>.</summary>
internal sealed class NuGetRangeSyntax : IRangeSyntax
{
    public static readonly NuGetRangeSyntax Instance = new();

    private NuGetRangeSyntax()
    {
    }

    /// <inheritdoc/>
    public string Name => "nuget";

    /// <inheritdoc/>
    public bool TryParse(string range, [NotNullWhen(true)] out IVersionRange? result, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (!VersionRange.TryParse(range, out var parsed))
        {
            result = null;
            reason = $"'{range}' is not a NuGet version range.";
            return false;
        }

        result = new NuGetVersionRange(parsed);
        reason = null;
        return true;
    }
}
