using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Drydock.Ecosystems.Tests.Versioning;

/// <summary>
/// Realistic version pairs for the differential tests: real versions from the upstream vector files, and
/// mutations of them (a number bumped, a component dropped or added, a qualifier appended, case or separator
/// changed, a leading zero) — drawn with a fixed seed so every run checks the same pairs.
/// </summary>
internal static partial class VersionPairs
{
    public static IReadOnlyList<(string Left, string Right)> Generate(
        IEnumerable<string> vectorFiles, IReadOnlyList<string> qualifiers, int count, int seed = 20261126)
    {
        var real = vectorFiles
            .SelectMany(VersionVectors.Rows)
            .SelectMany(row => new[] { row[0], row[1] })
            .Where(v => v.Length > 0 && v.All(c => c is > ' ' and < (char)127))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var random = new Random(seed);
        var pairs = new List<(string, string)>(count);
        while (pairs.Count < count)
        {
            var a = real[random.Next(real.Length)];
            var b = random.Next(4) switch
            {
                0 => real[random.Next(real.Length)],
                1 => Mutate(Mutate(a, qualifiers, random), qualifiers, random),
                _ => Mutate(a, qualifiers, random),
            };
            if (random.Next(5) == 0)
            {
                a = Mutate(a, qualifiers, random);
            }

            pairs.Add((a, b));
        }

        return pairs;
    }

    /// <summary>The pairs as oracle input: one <c>A&lt;TAB&gt;B</c> line each.</summary>
    public static string ToStdin(IEnumerable<(string Left, string Right)> pairs)
    {
        var builder = new StringBuilder();
        foreach (var (left, right) in pairs)
        {
            builder.Append(left).Append('\t').Append(right).Append('\n');
        }

        return builder.ToString();
    }

    private static string Mutate(string version, IReadOnlyList<string> qualifiers, Random random)
    {
        var numbers = DigitRun().Matches(version);
        switch (random.Next(9))
        {
            case 0 when numbers.Count > 0:
            {
                var m = numbers[random.Next(numbers.Count)];
                var value = long.Parse(m.Value.Length > 15 ? m.Value[..15] : m.Value, CultureInfo.InvariantCulture);
                var bumped = Math.Max(0, value + random.Next(-1, 2)).ToString(CultureInfo.InvariantCulture);
                return version[..m.Index] + bumped + version[(m.Index + m.Length)..];
            }

            case 1:
            {
                var cut = version.LastIndexOfAny(['.', '-']);
                return cut > 0 ? version[..cut] : version + ".0";
            }

            case 2:
                return version + (random.Next(3) switch { 0 => ".0", 1 => ".1", _ => "-1" });
            case 3:
            case 4:
                return version + qualifiers[random.Next(qualifiers.Count)];
            case 5:
                return random.Next(2) == 0 ? version.ToUpperInvariant() : version.ToLowerInvariant();
            case 6:
            {
                var dot = version.IndexOf('.', StringComparison.Ordinal);
                return dot > 0 ? version[..dot] + (random.Next(2) == 0 ? "-" : "_") + version[(dot + 1)..] : version;
            }

            case 7 when numbers.Count > 0:
            {
                var m = numbers[random.Next(numbers.Count)];
                return version[..m.Index] + "0" + version[m.Index..];
            }

            default:
                return version.StartsWith('v') ? version[1..] : "v" + version;
        }
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitRun();
}
