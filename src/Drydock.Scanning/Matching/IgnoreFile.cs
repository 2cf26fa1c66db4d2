using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Drydock.Scanning.Matching;

/// <summary>
/// Reads ignore files: one rule per line, <c>ID [exp:YYYY-MM-DD] [# reason]</c> (the <c>.trivyignore</c>
/// shape); blank lines and lines starting with '#' are comments.
/// </summary>
public static class IgnoreFile
{
    /// <summary>Parses the text, or gives the first bad line.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IReadOnlyList<IgnoreRule>? rules, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<IgnoreRule>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var reason = hash < 0 ? null : line[(hash + 1)..].Trim();
            var tokens = (hash < 0 ? line : line[..hash]).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            DateOnly? expires = null;
            foreach (var token in tokens.Skip(1))
            {
                if (token.StartsWith("exp:", StringComparison.Ordinal)
                    && DateOnly.TryParseExact(token[4..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    expires = day;
                }
                else
                {
                    rules = null;
                    error = $"line {number}: expected 'ID [exp:YYYY-MM-DD] [# reason]', found '{token}'";
                    return false;
                }
            }

            list.Add(new IgnoreRule(tokens[0], expires, string.IsNullOrEmpty(reason) ? null : reason));
        }

        rules = list;
        error = null;
        return true;
    }
}
