using System.Text;

namespace Drydock.Ecosystems.Tests.PackageManagers;

/// <summary>
/// Generates realistic version pairs for the differential tests: real versions from the upstream data,
/// mutated the way versions change in practice (a number bumped, a component inserted or removed, a
/// suffix, tilde or epoch added). Deterministic: the same seed gives the same pairs.
/// </summary>
public sealed class VersionMutator(IReadOnlyList<string> seeds, IReadOnlyList<string> suffixes, IReadOnlyList<string> prefixes, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary><paramref name="count"/> pairs: a mutation against its original, two mutations of one version, or two real versions.</summary>
    public IReadOnlyList<(string Left, string Right)> Pairs(int count)
    {
        var pairs = new List<(string, string)>(count);
        while (pairs.Count < count)
        {
            var original = seeds[_random.Next(seeds.Count)];
            switch (_random.Next(4))
            {
                case 0:
                    pairs.Add((original, Mutate(original)));
                    break;
                case 1:
                    pairs.Add((Mutate(original), Mutate(original)));
                    break;
                case 2:
                    pairs.Add((Mutate(Mutate(original)), original));
                    break;
                default:
                    pairs.Add((original, seeds[_random.Next(seeds.Count)]));
                    break;
            }
        }

        return pairs;
    }

    /// <summary>One random change to <paramref name="version"/>.</summary>
    public string Mutate(string version)
    {
        var digitRuns = new List<(int Start, int Length)>();
        for (var i = 0; i < version.Length; i++)
        {
            if (char.IsAsciiDigit(version[i]))
            {
                var start = i;
                while (i < version.Length && char.IsAsciiDigit(version[i]))
                {
                    i++;
                }

                digitRuns.Add((start, i - start));
            }
        }

        switch (_random.Next(7))
        {
            case 0 or 1 when digitRuns.Count > 0:
            {
                // Bump a number up or down, or replace it.
                var (start, length) = digitRuns[_random.Next(digitRuns.Count)];
                var number = long.TryParse(version.AsSpan(start, Math.Min(length, 15)), out var n) ? n : 0;
                var replacement = _random.Next(3) switch
                {
                    0 => number + 1,
                    1 => Math.Max(0, number - 1),
                    _ => _random.Next(30),
                };
                return string.Concat(version.AsSpan(0, start), replacement.ToString(System.Globalization.CultureInfo.InvariantCulture), version.AsSpan(start + length));
            }

            case 2 when digitRuns.Count > 0:
            {
                // Insert a component after a number.
                var (start, length) = digitRuns[_random.Next(digitRuns.Count)];
                var insert = "." + _random.Next(12).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return version.Insert(start + length, insert);
            }

            case 3:
            {
                // Drop the last component.
                var cut = version.LastIndexOfAny(['.', '-', '+', '~', '_']);
                return cut > 0 ? version[..cut] : version;
            }

            case 4 or 5:
                return version + suffixes[_random.Next(suffixes.Count)];
            default:
                return prefixes.Count > 0 && !prefixes.Any(p => version.StartsWith(p, StringComparison.Ordinal))
                    ? prefixes[_random.Next(prefixes.Count)] + version
                    : version + suffixes[_random.Next(suffixes.Count)];
        }
    }

    /// <summary>The pairs as TAB-separated lines for an oracle's standard input.</summary>
    public static string ToInput(IEnumerable<(string Left, string Right)> pairs)
    {
        var builder = new StringBuilder();
        foreach (var (left, right) in pairs)
        {
            builder.Append(left).Append('\t').Append(right).Append('\n');
        }

        return builder.ToString();
    }
}
