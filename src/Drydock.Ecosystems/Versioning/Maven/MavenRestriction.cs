using System.Diagnostics.CodeAnalysis;

namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>One bracketed Maven interval: optional lower and upper bounds, each inclusive or exclusive.</summary>
internal sealed class MavenRestriction
{
    public static readonly MavenRestriction Everything = new(null, false, null, false);

    private MavenRestriction(string? lower, bool lowerInclusive, string? upper, bool upperInclusive)
    {
        Lower = lower;
        LowerInclusive = lowerInclusive;
        Upper = upper;
        UpperInclusive = upperInclusive;
    }

    public string? Lower { get; }

    public bool LowerInclusive { get; }

    public string? Upper { get; }

    public bool UpperInclusive { get; }

    /// <summary>Parses <c>[a,b)</c>, <c>(,b]</c>, <c>[a]</c> … (Maven's <c>parseRestriction</c>).</summary>
    public static bool TryParse(string spec, [NotNullWhen(true)] out MavenRestriction? restriction, [NotNullWhen(false)] out string? reason)
    {
        restriction = null;
        var lowerInclusive = spec.StartsWith('[');
        var upperInclusive = spec.EndsWith(']');
        var inner = spec[1..^1].Trim();
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            if (!lowerInclusive || !upperInclusive)
            {
                reason = $"the single version in '{spec}' must be written [version].";
                return false;
            }

            if (!MavenVersionScheme.Instance.TryValidate(inner, out reason))
            {
                return false;
            }

            restriction = new MavenRestriction(inner, true, inner, true);
            return true;
        }

        var lower = inner[..comma].Trim();
        var upper = inner[(comma + 1)..].Trim();
        if (upper.Contains(',', StringComparison.Ordinal))
        {
            reason = $"'{spec}' has more than two bounds.";
            return false;
        }

        if ((lower.Length > 0 && !MavenVersionScheme.Instance.TryValidate(lower, out reason)) ||
            (upper.Length > 0 && !MavenVersionScheme.Instance.TryValidate(upper, out reason)))
        {
            return false;
        }

        if (lower.Length > 0 && upper.Length > 0)
        {
            var order = MavenVersionScheme.Instance.Compare(upper, lower);
            if (order < 0 || (order == 0 && !(lowerInclusive && upperInclusive)))
            {
                reason = $"'{spec}' defies version ordering: its upper bound is not above its lower bound.";
                return false;
            }
        }

        restriction = new MavenRestriction(lower.Length > 0 ? lower : null, lowerInclusive, upper.Length > 0 ? upper : null, upperInclusive);
        reason = null;
        return true;
    }

    public bool Contains(ReadOnlySpan<char> version)
    {
        if (Lower is not null)
        {
            var c = MavenVersionScheme.Instance.Compare(version, Lower);
            if (c < 0 || (c == 0 && !LowerInclusive))
            {
                return false;
            }
        }

        if (Upper is not null)
        {
            var c = MavenVersionScheme.Instance.Compare(version, Upper);
            if (c > 0 || (c == 0 && !UpperInclusive))
            {
                return false;
            }
        }

        return true;
    }
}
