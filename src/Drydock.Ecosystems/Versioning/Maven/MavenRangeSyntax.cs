using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>
/// Maven version ranges as <c>VersionRange.createFromVersionSpec</c> reads them: <c>[1.0,2.0)</c>,
/// <c>(,1.0]</c>, <c>[1.2]</c>, and comma-separated unions <c>(,1.0],[1.2,)</c>. A bare version such as
/// <c>1.0</c> is Maven's "recommended version", which restricts nothing: every version is in it.
/// </summary>
internal sealed class MavenRangeSyntax : IRangeSyntax
{
    public static readonly MavenRangeSyntax Instance = new();

    private MavenRangeSyntax()
    {
    }

    /// <inheritdoc/>
    public string Name => "maven";

    /// <inheritdoc/>
    public bool TryParse(string range, [NotNullWhen(true)] out IVersionRange? result, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(range);
        result = null;
        var process = range.Trim();
        var restrictions = new List<MavenRestriction>();
        MavenRestriction? previous = null;
        while (process.StartsWith('[') || process.StartsWith('('))
        {
            var close = process.IndexOfAny([')', ']']);
            if (close < 0)
            {
                reason = $"'{range}' is not a Maven version range: a range is not closed.";
                return false;
            }

            // A bracket inside means a comma-less second range: "[1.0,2.0)[3.0,)" is not accepted by Maven either.
            if (!MavenRestriction.TryParse(process[..(close + 1)], out var restriction, out reason))
            {
                reason = $"'{range}' is not a Maven version range: {reason}";
                return false;
            }

            if (previous?.Upper is { } upper && restriction.Lower is { } lower &&
                MavenVersionScheme.Instance.Compare(upper, lower) > 0)
            {
                reason = $"'{range}' is not a Maven version range: its ranges overlap.";
                return false;
            }

            restrictions.Add(restriction);
            previous = restriction;
            process = process[(close + 1)..].Trim();
            if (process.StartsWith(','))
            {
                process = process[1..].Trim();
            }
        }

        if (process.Length > 0)
        {
            if (restrictions.Count > 0)
            {
                reason = $"'{range}' is not a Maven version range: only bracketed ranges may be joined.";
                return false;
            }

            if (!MavenVersionScheme.Instance.TryValidate(process, out reason))
            {
                return false;
            }

            restrictions.Add(MavenRestriction.Everything);
        }

        if (restrictions.Count == 0)
        {
            reason = $"'{range}' is not a Maven version range: it is empty.";
            return false;
        }

        result = new MavenVersionRange(restrictions);
        reason = null;
        return true;
    }
}
