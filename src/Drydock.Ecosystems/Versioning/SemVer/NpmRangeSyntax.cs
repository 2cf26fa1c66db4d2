using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>
/// npm range notation as node-semver's <c>Range</c> reads it: <c>||</c> alternatives of comparator sets,
/// hyphen ranges (<c>1.2 - 2.3.4</c>), x-ranges (<c>1.x</c>, <c>*</c>), tilde, caret and the plain
/// operators. Each set is rewritten into primitive comparators the way node-semver does, then tested
/// with its pre-release rule: a pre-release version satisfies a set only if a comparator of that set
/// names a pre-release with the same [major, minor, patch], unless <c>includePrerelease</c> is set.
/// </summary>
/// <remarks>
/// Generation: node-semver 7.x (7.5.2 and later, which cap whitespace in its patterns at one character;
/// the range's whitespace is collapsed first, so this only matters for odd input). Parsing uses regular
/// expressions because it runs once per advisory range; <see cref="IVersionRange.Contains"/> is the hot
/// part and allocates nothing. The registered instance uses node-semver's default options (neither
/// loose nor includePrerelease), as <c>semver.satisfies(version, range)</c> does.
/// </remarks>
internal sealed class NpmRangeSyntax : IRangeSyntax
{
    private const string Numeric = "0|[1-9][0-9]*";
    private const string NumericLoose = "[0-9]+";
    private const string NonNumeric = "[0-9]*[a-zA-Z-][a-zA-Z0-9-]*";
    private const string Build = @"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))";
    private const string GtLt = "((?:<|>)?=?)";

    private static readonly Regex SpaceRuns = new(@"\s+", RegexOptions.CultureInvariant);
    private static readonly Regex Star = new(@"(<|>)?=?\s?\*", RegexOptions.CultureInvariant);
    private static readonly Regex GreaterOrEqualZero = new(@"^\s?>=\s?0\.0\.0\s?$", RegexOptions.CultureInvariant);
    private static readonly Regex GreaterOrEqualZeroPre = new(@"^\s?>=\s?0\.0\.0-0\s?$", RegexOptions.CultureInvariant);
    private static readonly Regex TildeTrim = new(@"(\s?)(?:~>?)\s", RegexOptions.CultureInvariant);
    private static readonly Regex CaretTrim = new(@"(\s?)(?:\^)\s", RegexOptions.CultureInvariant);
    private static readonly Grammar StrictGrammar = new(loose: false);
    private static readonly Grammar LooseGrammar = new(loose: true);

    private readonly bool _loose;
    private readonly bool _includePrerelease;

    private NpmRangeSyntax(bool loose, bool includePrerelease)
    {
        _loose = loose;
        _includePrerelease = includePrerelease;
    }

    /// <summary>The registered syntax: node-semver's default options.</summary>
    public static NpmRangeSyntax Instance { get; } = new(loose: false, includePrerelease: false);

    public string Name => "npm";

    /// <summary>The syntax with node-semver's options.</summary>
    public static NpmRangeSyntax WithOptions(bool loose, bool includePrerelease) =>
        !loose && !includePrerelease ? Instance : new(loose, includePrerelease);

    public bool TryParse(string range, [NotNullWhen(true)] out IVersionRange? result, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(range);
        result = null;
        var grammar = _loose ? LooseGrammar : StrictGrammar;
        var raw = SpaceRuns.Replace(range.Trim(), " ");
        var sets = new List<IReadOnlyList<NpmComparator>>();
        foreach (var alternative in raw.Split("||"))
        {
            var set = ParseSet(alternative.Trim(), grammar, out var setReason);
            if (set is null)
            {
                reason = setReason ?? $"invalid npm range '{range}'";
                return false;
            }

            if (set.Count > 0)
            {
                sets.Add(set);
            }
        }

        if (sets.Count == 0)
        {
            reason = $"invalid npm range '{range}'";
            return false;
        }

        result = new NpmRange(sets, _loose, _includePrerelease);
        reason = null;
        return true;
    }

    private static bool IsX(string? id) => string.IsNullOrEmpty(id) || id is "x" or "X" or "*";

    private static long Inc(string number) => long.Parse(number, CultureInfo.InvariantCulture) + 1;

    private List<NpmComparator>? ParseSet(string text, Grammar grammar, out string? reason)
    {
        reason = null;
        text = grammar.HyphenRange.Replace(text, ReplaceHyphen);
        text = grammar.ComparatorTrim.Replace(text, "$1$2$3");
        text = TildeTrim.Replace(text, "$1~");
        text = CaretTrim.Replace(text, "$1^");

        var rewritten = string.Join(' ', text.Split(' ').Select(comparator => ParseComparator(comparator, grammar)));
        var parts = SpaceRuns.Split(rewritten)
            .Select(part => (_includePrerelease ? GreaterOrEqualZeroPre : GreaterOrEqualZero).Replace(part, string.Empty));
        if (_loose)
        {
            parts = parts.Where(part => grammar.Comparator.IsMatch(part));
        }

        var seen = new Dictionary<string, NpmComparator>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var normalized = string.Join(' ', SpaceRuns.Split(part.Trim()));
            var match = grammar.Comparator.Match(normalized);
            if (!match.Success)
            {
                reason = $"invalid npm comparator '{part}'";
                return null;
            }

            NpmComparator comparator;
            if (match.Groups[2].Success && match.Groups[2].Length > 0)
            {
                if (!NpmVersion.TryParse(match.Groups[2].Value, _loose, out var version, out reason))
                {
                    return null;
                }

                comparator = NpmComparator.Create(match.Groups[1].Value, version);
            }
            else
            {
                comparator = NpmComparator.Any;
            }

            var key = comparator.ToString();
            if (comparator is { IsAny: false, Operator: "<", Prerelease: "0" } && key == "<0.0.0-0")
            {
                // The null set: nothing satisfies it, so the whole set is just that.
                return [comparator];
            }

            seen[key] = comparator;
        }

        if (seen.Count > 1)
        {
            seen.Remove("*");
        }

        return [.. seen.Values];
    }

    private string ParseComparator(string comparator, Grammar grammar)
    {
        comparator = string.Join(' ', SpaceRuns.Split(comparator.Trim()).Select(c => grammar.Caret.Replace(c, ReplaceCaret)));
        comparator = string.Join(' ', SpaceRuns.Split(comparator.Trim()).Select(c => grammar.Tilde.Replace(c, ReplaceTilde)));
        comparator = string.Join(' ', SpaceRuns.Split(comparator.Trim()).Select(c => grammar.XRange.Replace(c, ReplaceXRange)));
        return Star.Replace(comparator.Trim(), string.Empty, 1);
    }

    private string ReplaceCaret(Match match)
    {
        var (major, minor, patch, pre) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
        var z = _includePrerelease ? "-0" : string.Empty;
        if (IsX(major))
        {
            return string.Empty;
        }

        if (IsX(minor))
        {
            return $">={major}.0.0{z} <{Inc(major)}.0.0-0";
        }

        if (IsX(patch))
        {
            return major == "0"
                ? $">={major}.{minor}.0{z} <{major}.{Inc(minor)}.0-0"
                : $">={major}.{minor}.0{z} <{Inc(major)}.0.0-0";
        }

        // A full version is its own lower bound: includePrerelease adds no "-0" here (node-semver's
        // fixtures: ^0.2.3 does not admit 0.2.3-alpha even with includePrerelease).
        var from = pre.Length > 0 ? $">={major}.{minor}.{patch}-{pre}" : $">={major}.{minor}.{patch}";
        if (major == "0")
        {
            return minor == "0"
                ? $"{from} <{major}.{minor}.{Inc(patch)}-0"
                : $"{from} <{major}.{Inc(minor)}.0-0";
        }

        return $"{from} <{Inc(major)}.0.0-0";
    }

    private string ReplaceTilde(Match match)
    {
        var (major, minor, patch, pre) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
        var z = _includePrerelease ? "-0" : string.Empty;
        if (IsX(major))
        {
            return string.Empty;
        }

        if (IsX(minor))
        {
            return $">={major}.0.0{z} <{Inc(major)}.0.0-0";
        }

        if (IsX(patch))
        {
            return $">={major}.{minor}.0{z} <{major}.{Inc(minor)}.0-0";
        }

        return pre.Length > 0
            ? $">={major}.{minor}.{patch}-{pre} <{major}.{Inc(minor)}.0-0"
            : $">={major}.{minor}.{patch} <{major}.{Inc(minor)}.0-0";
    }

    private string ReplaceXRange(Match match)
    {
        var op = match.Groups[1].Value;
        var (major, minor, patch) = (match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
        var xMajor = IsX(major);
        var xMinor = xMajor || IsX(minor);
        var xPatch = xMinor || IsX(patch);
        if (op == "=" && xPatch)
        {
            op = string.Empty;
        }

        var pre = _includePrerelease ? "-0" : string.Empty;
        if (xMajor)
        {
            return op is ">" or "<" ? "<0.0.0-0" : "*";
        }

        if (op.Length > 0 && xPatch)
        {
            long m = xMinor ? 0 : long.Parse(minor, CultureInfo.InvariantCulture);
            long p = 0;
            var big = long.Parse(major, CultureInfo.InvariantCulture);
            if (op == ">")
            {
                op = ">=";
                if (xMinor)
                {
                    big++;
                    m = 0;
                }
                else
                {
                    m++;
                }

                p = 0;
            }
            else if (op == "<=")
            {
                op = "<";
                if (xMinor)
                {
                    big++;
                }
                else
                {
                    m++;
                }
            }

            if (op == "<")
            {
                pre = "-0";
            }

            return $"{op}{big}.{m}.{p}{pre}";
        }

        if (xMinor)
        {
            return $">={major}.0.0{pre} <{Inc(major)}.0.0-0";
        }

        if (xPatch)
        {
            return $">={major}.{minor}.0{pre} <{major}.{Inc(minor)}.0-0";
        }

        return match.Value;
    }

    private string ReplaceHyphen(Match match)
    {
        var (from, fromMajor, fromMinor, fromPatch, fromPre) =
            (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value, match.Groups[5].Value);
        var (to, toMajor, toMinor, toPatch, toPre) =
            (match.Groups[7].Value, match.Groups[8].Value, match.Groups[9].Value, match.Groups[10].Value, match.Groups[11].Value);
        var z = _includePrerelease ? "-0" : string.Empty;
        if (IsX(fromMajor))
        {
            from = string.Empty;
        }
        else if (IsX(fromMinor))
        {
            from = $">={fromMajor}.0.0{z}";
        }
        else if (IsX(fromPatch))
        {
            from = $">={fromMajor}.{fromMinor}.0{z}";
        }
        else
        {
            from = fromPre.Length > 0 ? $">={from}" : $">={from}{z}";
        }

        if (IsX(toMajor))
        {
            to = string.Empty;
        }
        else if (IsX(toMinor))
        {
            to = $"<{Inc(toMajor)}.0.0-0";
        }
        else if (IsX(toPatch))
        {
            to = $"<{toMajor}.{Inc(toMinor)}.0-0";
        }
        else if (toPre.Length > 0)
        {
            to = $"<={toMajor}.{toMinor}.{toPatch}-{toPre}";
        }
        else
        {
            to = _includePrerelease ? $"<{toMajor}.{toMinor}.{Inc(toPatch)}-0" : $"<={to}";
        }

        return $"{from} {to}".Trim();
    }

    /// <summary>node-semver's patterns for one of its two modes.</summary>
    private sealed class Grammar
    {
        public Grammar(bool loose)
        {
            var number = loose ? NumericLoose : Numeric;
            var preId = loose ? $"(?:{NumericLoose}|{NonNumeric})" : $"(?:{Numeric}|{NonNumeric})";
            var prerelease = loose ? $@"(?:-?({preId}(?:\.{preId})*))" : $@"(?:-({preId}(?:\.{preId})*))";
            var plain = loose
                ? $@"[v=\s]*({number})\.({number})\.({number}){prerelease}?{Build}?"
                : $@"v?({number})\.({number})\.({number}){prerelease}?{Build}?";
            var xId = $@"{number}|x|X|\*";
            var xPlain = $@"[v=\s]*({xId})(?:\.({xId})(?:\.({xId})(?:{prerelease})?{Build}?)?)?";
            const RegexOptions options = RegexOptions.CultureInvariant;

            Comparator = new Regex($@"^{GtLt}\s?({plain})$|^$", options);
            ComparatorTrim = new Regex($@"(\s?){GtLt}\s?({LoosePlain()}|{xPlain})", options);
            HyphenRange = new Regex($@"^\s?({xPlain})\s-\s({xPlain})\s?$", options);
            XRange = new Regex($@"^{GtLt}\s?{xPlain}$", options);
            Tilde = new Regex($@"^(?:~>?){xPlain}$", options);
            Caret = new Regex($@"^(?:\^){xPlain}$", options);
        }

        public Regex Comparator { get; }

        public Regex ComparatorTrim { get; }

        public Regex HyphenRange { get; }

        public Regex XRange { get; }

        public Regex Tilde { get; }

        public Regex Caret { get; }

        /// <summary>node-semver trims comparators with the loose version pattern in both modes.</summary>
        private static string LoosePlain()
        {
            var preId = $"(?:{NumericLoose}|{NonNumeric})";
            return $@"[v=\s]*({NumericLoose})\.({NumericLoose})\.({NumericLoose})(?:-?({preId}(?:\.{preId})*))?{Build}?";
        }
    }
}
