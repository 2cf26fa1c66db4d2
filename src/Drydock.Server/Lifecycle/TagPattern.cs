using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Drydock.Server.Lifecycle;

/// <summary>
/// Glob patterns of repository and tag names: <c>*</c> is any run of characters but <c>/</c>, <c>**</c> any run
/// including <c>/</c>, <c>?</c> one character. <c>{1.*,latest}</c> alternatives are not supported: use two rules.
/// Repository patterns are matched against the name without the namespace (<c>team/app/api</c> → <c>app/api</c>).
/// </summary>
internal static class TagPattern
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static bool IsValid(string? pattern) => !string.IsNullOrEmpty(pattern) && pattern.Length <= 256 && !pattern.Any(char.IsWhiteSpace);

    public static bool Matches(string pattern, string value) => Cache.GetOrAdd(pattern, Compile).IsMatch(value);

    private static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
