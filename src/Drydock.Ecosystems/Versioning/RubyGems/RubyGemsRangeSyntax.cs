using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.RubyGems;

/// <summary>
/// RubyGems requirements (<c>Gem::Requirement</c>): <c>=</c>, <c>!=</c>, <c>&gt;</c>, <c>&lt;</c>, <c>&gt;=</c>,
/// <c>&lt;=</c>, <c>~&gt;</c>, joined by commas as a requirement array (all must hold). A version without an
/// operator means <c>=</c>. Like <c>Gem::Requirement#satisfied_by?</c>, pre-releases are not filtered out.
/// </summary>
internal sealed class RubyGemsRangeSyntax : IRangeSyntax
{
    public static readonly RubyGemsRangeSyntax Instance = new();

    private static readonly string[] Operators = ["~>", ">=", "<=", "!=", "=", ">", "<"];

    private RubyGemsRangeSyntax()
    {
    }

    /// <inheritdoc/>
    public string Name => "rubygems";

    /// <inheritdoc/>
    public bool TryParse(string range, [NotNullWhen(true)] out IVersionRange? result, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(range);
        result = null;
        var requirements = new List<RubyGemsRequirement>();
        foreach (var part in range.Split(','))
        {
            var s = part.Trim();
            var op = Operators.FirstOrDefault(o => s.StartsWith(o, StringComparison.Ordinal)) ?? "=";
            var version = s.StartsWith(op, StringComparison.Ordinal) ? s[op.Length..].Trim() : s;
            if (version.Length == 0 || !RubyGemsVersionScheme.IsValid(version))
            {
                reason = $"Illformed requirement \"{s}\" in '{range}'.";
                return false;
            }

            requirements.Add(new RubyGemsRequirement(op, version));
        }

        result = new RubyGemsRequirementSet(requirements);
        reason = null;
        return true;
    }
}
