using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Composer;

/// <summary>
/// Composer version constraints as composer/semver's <c>VersionParser::parseConstraints</c> reads them: OR with
/// <c>||</c> (or <c>|</c>), AND with a comma or a space, hyphen ranges <c>1.0 - 2.0</c>, caret <c>^1.2</c>, tilde
/// <c>~1.2</c>, wildcards <c>1.2.*</c> and <c>*</c>, comparators <c>&gt;= &lt; != ==</c>, stability flags
/// <c>@dev</c>. Each bound is a normalised version compared with version_compare, as <c>Semver::satisfies</c> does.
/// </summary>
internal sealed partial class ComposerRangeSyntax : IRangeSyntax
{
    public static readonly ComposerRangeSyntax Instance = new();

    private const string VersionPattern = @"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?([._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?)?([.-]?dev)?)(?:\+[^\s]+)?";

    private ComposerRangeSyntax()
    {
    }

    /// <inheritdoc/>
    public string Name => "composer";

    /// <inheritdoc/>
    public bool TryParse(string range, [NotNullWhen(true)] out IVersionRange? result, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(range);
        result = null;
        var text = range.Trim();
        if (text.Length == 0)
        {
            reason = "A Composer constraint cannot be empty.";
            return false;
        }

        var alternatives = new List<IReadOnlyList<ComposerConstraint>>();
        foreach (var orPart in OrSeparator().Split(text))
        {
            var all = new List<ComposerConstraint>();
            var hyphen = HyphenRange().Match(orPart.Trim());
            var singles = hyphen.Success ? [orPart.Trim()] : AndParts(orPart);
            if (singles.Count == 0)
            {
                reason = $"Could not parse version constraint '{range}': an empty alternative.";
                return false;
            }

            foreach (var single in singles)
            {
                if (!TryParseSingle(single, all, out reason))
                {
                    reason = $"Could not parse version constraint '{range}': {reason}";
                    return false;
                }
            }

            alternatives.Add(all);
        }

        result = new ComposerConstraintSet(alternatives);
        reason = null;
        return true;
    }

    /// <summary>Splits an AND group on commas and spaces, keeping an operator with the version after it.</summary>
    private static List<string> AndParts(string group)
    {
        var tokens = group.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (OperatorOnly().IsMatch(tokens[i]) && i + 1 < tokens.Length)
            {
                parts.Add(tokens[i] + tokens[++i]);
            }
            else
            {
                parts.Add(tokens[i]);
            }
        }

        return parts;
    }

    private static bool TryParseSingle(string constraint, List<ComposerConstraint> into, [NotNullWhen(false)] out string? reason)
    {
        reason = null;

        // A stability flag (>=1.0@dev) lowers the stability of a bound written without one.
        string? stabilityModifier = null;
        var flag = StabilityFlag().Match(constraint);
        if (flag.Success)
        {
            constraint = flag.Groups[1].Value;
            var modifier = flag.Groups[2].Value.ToLowerInvariant();
            stabilityModifier = modifier == "stable" ? null : modifier;
            if (constraint.Length == 0)
            {
                return true; // "@dev" alone: every version
            }
        }

        if (MatchAll().IsMatch(constraint))
        {
            return true;
        }

        Match m;
        if ((m = Tilde().Match(constraint)).Success)
        {
            var position = m.Groups[4].Success ? 4 : m.Groups[3].Success ? 3 : m.Groups[2].Success ? 2 : 1;
            var suffix = HasModifier(m) ? string.Empty : "-dev";
            if (!TryNormalize(constraint[1..] + suffix, out var low, out reason))
            {
                return false;
            }

            into.Add(new ComposerConstraint(">=", low));
            into.Add(new ComposerConstraint("<", Manipulate(m, Math.Max(1, position - 1), 1) + "-dev"));
            return true;
        }

        if ((m = Caret().Match(constraint)).Success)
        {
            var position = m.Groups[1].Value != "0" || !m.Groups[2].Success ? 1 : m.Groups[2].Value != "0" || !m.Groups[3].Success ? 2 : 3;
            var suffix = HasModifier(m) ? string.Empty : "-dev";
            if (!TryNormalize(constraint[1..] + suffix, out var low, out reason))
            {
                return false;
            }

            into.Add(new ComposerConstraint(">=", low));
            into.Add(new ComposerConstraint("<", Manipulate(m, position, 1) + "-dev"));
            return true;
        }

        if ((m = Wildcard().Match(constraint)).Success)
        {
            var position = m.Groups[3].Success ? 3 : m.Groups[2].Success ? 2 : 1;
            var low = Manipulate(m, position, 0) + "-dev";
            var high = Manipulate(m, position, 1) + "-dev";
            if (low != "0.0.0.0-dev")
            {
                into.Add(new ComposerConstraint(">=", low));
            }

            into.Add(new ComposerConstraint("<", high));
            return true;
        }

        if ((m = HyphenRange().Match(constraint)).Success)
        {
            var from = m.Groups["from"].Value;
            var to = m.Groups["to"].Value;
            var toMatch = FullVersion().Match(to);
            var fromMatch = FullVersion().Match(from);
            if (!TryNormalize(from, out var low, out reason) || !TryNormalize(to, out var high, out reason))
            {
                return false;
            }

            into.Add(new ComposerConstraint(">=", low + (HasModifier(fromMatch) ? string.Empty : "-dev")));
            if ((toMatch.Groups[2].Success && toMatch.Groups[3].Success) || HasModifier(toMatch))
            {
                into.Add(new ComposerConstraint("<=", high));
            }
            else
            {
                into.Add(new ComposerConstraint("<", Manipulate(toMatch, toMatch.Groups[2].Success ? 2 : 1, 1) + "-dev"));
            }

            return true;
        }

        var basic = Comparator().Match(constraint);
        var op = basic.Groups[1].Success && basic.Groups[1].Length > 0 ? basic.Groups[1].Value : "=";
        var versionText = basic.Groups[2].Value;
        if (!TryNormalize(versionText, out var version, out reason))
        {
            return false;
        }

        if (op is not ("==" or "=") && stabilityModifier is not null && IsStable(version))
        {
            version += "-" + stabilityModifier;
        }
        else if (op is "<" or ">=" && !ModifierAtEnd().IsMatch(versionText.ToLowerInvariant()) && !versionText.StartsWith("dev-", StringComparison.Ordinal))
        {
            version += "-dev";
        }

        into.Add(new ComposerConstraint(op, version));
        return true;
    }

    private static bool HasModifier(Match m) => m.Groups[6].Success || m.Groups[8].Success;

    private static bool IsStable(string normalized) =>
        !ComposerNormalizer.IsBranch(normalized) && (!normalized.Contains('-', StringComparison.Ordinal) || normalized.Contains("-patch", StringComparison.Ordinal));

    /// <summary>composer/semver's manipulateVersionString: keep the numbers up to <paramref name="position"/>,
    /// add <paramref name="increment"/> there, zero the rest.</summary>
    private static string Manipulate(Match m, int position, int increment)
    {
        var numbers = new long[4];
        for (var i = 0; i < 4; i++)
        {
            var group = m.Groups[i + 1];
            numbers[i] = group.Success && long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        for (var i = 3; i >= 0; i--)
        {
            if (i + 1 > position)
            {
                numbers[i] = 0;
            }
            else if (i + 1 == position)
            {
                numbers[i] += increment;
            }
        }

        return string.Join('.', numbers);
    }

    private static bool TryNormalize(string version, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? reason) =>
        ComposerVersionScheme.TryNormalize(version, out normalized, out reason);

    [GeneratedRegex(@"\s*\|\|?\s*")]
    private static partial Regex OrSeparator();

    [GeneratedRegex(@"^(<>|!=|>=?|<=?|==?|\^|~>?)$")]
    private static partial Regex OperatorOnly();

    [GeneratedRegex(@"^([^,\s]*?)@(stable|RC|beta|alpha|dev)$", RegexOptions.IgnoreCase)]
    private static partial Regex StabilityFlag();

    [GeneratedRegex(@"^(v)?[xX*](\.[xX*])*$")]
    private static partial Regex MatchAll();

    [GeneratedRegex("^~>?" + VersionPattern + "$", RegexOptions.IgnoreCase)]
    private static partial Regex Tilde();

    [GeneratedRegex(@"^\^" + VersionPattern + "$", RegexOptions.IgnoreCase)]
    private static partial Regex Caret();

    [GeneratedRegex(@"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.[xX*])+$")]
    private static partial Regex Wildcard();

    [GeneratedRegex(@"^(?<from>\S+) +- +(?<to>\S+)$")]
    private static partial Regex HyphenRange();

    [GeneratedRegex("^" + VersionPattern + "$", RegexOptions.IgnoreCase)]
    private static partial Regex FullVersion();

    [GeneratedRegex(@"^(<>|!=|>=?|<=?|==?)?\s*(.*)$")]
    private static partial Regex Comparator();

    [GeneratedRegex(@"-[._-]?(?:(stable|beta|b|rc|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?)?([.-]?dev)?$")]
    private static partial Regex ModifierAtEnd();
}
