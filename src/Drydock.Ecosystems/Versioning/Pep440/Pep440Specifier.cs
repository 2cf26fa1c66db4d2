using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Drydock.Ecosystems.Versioning.Pep440;

/// <summary>
/// One PEP 440 specifier (<c>~=</c>, <c>==</c>, <c>!=</c>, <c>&lt;=</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&gt;</c>,
/// <c>===</c>) with the semantics of current pypa/packaging's <c>Specifier</c> (26.x: "&lt;V" excludes V's
/// pre-releases from V.dev0 up, "&gt;V" excludes post-releases and local labels of V itself), pre-releases allowed.
/// </summary>
internal sealed partial class Pep440Specifier
{
    private static readonly string[] Operators = ["===", "~=", "==", "!=", "<=", ">=", "<", ">"];

    private readonly string _operator;
    private readonly string _version;

    private Pep440Specifier(string @operator, string version)
    {
        _operator = @operator;
        _version = version;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out Pep440Specifier? specifier, [NotNullWhen(false)] out string? reason)
    {
        specifier = null;
        var s = text.Trim();
        var op = Operators.FirstOrDefault(o => s.StartsWith(o, StringComparison.Ordinal));
        if (op is null)
        {
            reason = $"'{s}' is not a PEP 440 specifier: it must start with one of {string.Join(' ', Operators)}.";
            return false;
        }

        var version = s[op.Length..].Trim();
        if (op == "===")
        {
            if (version.Length == 0 || version.Any(c => char.IsWhiteSpace(c) || c is ';' or ')'))
            {
                reason = $"'{s}' is not a PEP 440 specifier: '===' needs a version without spaces.";
                return false;
            }

            specifier = new Pep440Specifier(op, version);
            reason = null;
            return true;
        }

        var wildcard = version.EndsWith(".*", StringComparison.Ordinal);
        var exact = wildcard ? version[..^2] : version;
        if (!Pep440Version.TryParse(exact, out var parsed, out reason))
        {
            reason = $"'{s}' is not a PEP 440 specifier: {reason}";
            return false;
        }

        if (wildcard && (op is not ("==" or "!=") || parsed.PreKind != 0 || parsed.HasPost || parsed.HasDev || parsed.HasLocal))
        {
            reason = $"'{s}' is not a PEP 440 specifier: '.*' follows only a release, after == or !=.";
            return false;
        }

        if (parsed.HasLocal && op is not ("==" or "!="))
        {
            reason = $"'{s}' is not a PEP 440 specifier: a local version is allowed only after == or !=.";
            return false;
        }

        if (op == "~=" && !parsed.Release.Contains('.'))
        {
            reason = $"'{s}' is not a PEP 440 specifier: '~=' needs at least two release numbers.";
            return false;
        }

        specifier = new Pep440Specifier(op, version);
        return true;
    }

    /// <summary>True when <paramref name="candidate"/> satisfies this specifier; invalid versions satisfy only '==='.</summary>
    public bool Contains(ReadOnlySpan<char> candidate)
    {
        if (_operator == "===")
        {
            var text = Pep440Version.TryParse(candidate, out var valid, out _, out _) ? valid.Normalize() : candidate.ToString();
            return string.Equals(text, _version, StringComparison.OrdinalIgnoreCase);
        }

        if (!Pep440Version.TryParse(candidate, out var prospective, out _, out _))
        {
            return false;
        }

        return _operator switch
        {
            "==" => Equal(prospective, _version),
            "!=" => !Equal(prospective, _version),
            "~=" => Compatible(prospective, _version),
            "<=" => ComparePublic(prospective, _version) <= 0,
            ">=" => ComparePublic(prospective, _version) >= 0,
            "<" => LessThan(prospective, _version),
            _ => GreaterThan(prospective, _version),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => _operator + _version;

    private static int ComparePublic(in Pep440Version prospective, string spec)
    {
        // Local labels are not allowed in these specifiers, so the prospective's local label is ignored.
        Parse(spec, out var s);
        var withoutLocal = prospective with { Local = [] };
        return Pep440Version.Compare(withoutLocal, s);
    }

    private static bool LessThan(in Pep440Version prospective, string specText)
    {
        Parse(specText, out var spec);
        if (Pep440Version.Compare(prospective, spec) >= 0)
        {
            return false;
        }

        // <3.1 must not match 3.1's own pre-releases (anything from 3.1.dev0 up) unless the specifier is itself
        // a pre-release.
        var earliestPrerelease = spec with { HasDev = true, DevNumber = [], Local = [] };
        return spec.IsPrerelease || !prospective.IsPrerelease || Pep440Version.Compare(prospective, earliestPrerelease) < 0;
    }

    private static bool GreaterThan(in Pep440Version prospective, string specText)
    {
        Parse(specText, out var spec);
        if (Pep440Version.Compare(prospective, spec) <= 0)
        {
            return false;
        }

        // >3.1 must not match a post-release of 3.1 unless the specifier is itself a post-release.
        var postBase = prospective with { HasPost = false, PostNumber = [], HasDev = false, DevNumber = [], Local = [] };
        if (!spec.HasPost && prospective.HasPost && Pep440Version.Compare(postBase, spec) == 0)
        {
            return false;
        }

        // Nor 3.1+local, which sorts above 3.1.
        return !prospective.HasLocal || Pep440Version.Compare(prospective with { Local = [] }, spec) != 0;
    }

    private static bool Equal(in Pep440Version prospective, string spec)
    {
        if (spec.EndsWith(".*", StringComparison.Ordinal))
        {
            // Prefix match on the normalised public versions, with an implicit dot between release and
            // pre-release, after zero-padding the prospective's release to the specifier's length.
            Parse(spec[..^2], out var prefixVersion);
            var prefix = Split(prefixVersion.NormalizePublic());
            var candidate = Split(prospective.NormalizePublic());
            var prefixRelease = prefix.TakeWhile(IsDigits).Count();
            var candidateRelease = candidate.TakeWhile(IsDigits).Count();
            if (candidateRelease < prefixRelease)
            {
                candidate.InsertRange(candidateRelease, Enumerable.Repeat("0", prefixRelease - candidateRelease));
            }

            return candidate.Count >= prefix.Count && candidate.Take(prefix.Count).SequenceEqual(prefix, StringComparer.Ordinal);
        }

        Parse(spec, out var exact);
        var p = exact.HasLocal ? prospective : prospective with { Local = [] };
        return Pep440Version.Compare(p, exact) == 0;
    }

    private static bool Compatible(in Pep440Version prospective, string spec)
    {
        // ~=V is >=V together with ==P.* where P is V's release without its last number (suffixes ignored).
        Parse(spec, out var v);
        var parts = Split(v.NormalizePublic()).TakeWhile(p => !IsSuffix(p)).ToList();
        parts.RemoveAt(parts.Count - 1);
        var prefix = parts[0] + "!" + string.Join('.', parts.Skip(1)) + ".*";
        return ComparePublic(prospective, spec) >= 0 && Equal(prospective, prefix);
    }

    /// <summary>packaging's <c>_version_split</c>: epoch first, then dot-separated items, with a release number
    /// and a following pre-release (<c>0rc1</c>) split in two.</summary>
    private static List<string> Split(string normalized)
    {
        var bang = normalized.LastIndexOf('!');
        var result = new List<string> { bang < 0 ? "0" : normalized[..bang] };
        foreach (var item in normalized[(bang + 1)..].Split('.'))
        {
            var match = PrefixRegex().Match(item);
            if (match.Success)
            {
                result.Add(match.Groups[1].Value);
                result.Add(match.Groups[2].Value);
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static bool IsSuffix(string s) =>
        s.StartsWith("dev", StringComparison.Ordinal) || s.StartsWith('a') || s.StartsWith('b') ||
        s.StartsWith("rc", StringComparison.Ordinal) || s.StartsWith("post", StringComparison.Ordinal);

    private static void Parse(string text, out Pep440Version version)
    {
        if (!Pep440Version.TryParse(text, out version, out _, out _))
        {
            throw new InvalidOperationException($"The specifier version '{text}' was validated when parsed.");
        }
    }

    [GeneratedRegex("^([0-9]+)((?:a|b|c|rc)[0-9]+)$")]
    private static partial Regex PrefixRegex();
}
