using System.Globalization;

namespace Drydock.Testing.Fuzzing;

/// <summary>
/// Deterministic mutations of a valid input, for fuzz tests that run a bounded number of cases in the suite. The seed
/// and the count come from <c>DRYDOCK_FUZZ_SEED</c> and <c>DRYDOCK_FUZZ_ITERATIONS</c> when set, so a longer run is
/// <c>DRYDOCK_FUZZ_ITERATIONS=20000 dotnet test … --filter Fuzz</c>, and a failing case is replayed with its seed.
/// </summary>
public sealed class ByteMutator(int seed)
{
    // Bytes that break JSON and UTF-8 in the ways seen in the wild: stray quotes and brackets, escapes, lone
    // continuation and lead bytes, and bytes that are never UTF-8.
    private static readonly byte[] Interesting = [(byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'\\', (byte)'0', (byte)'-', 0x00, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xFE, 0xFF];

    private static readonly string[] Tokens = ["0", "-1", "1e309", "null", "true", "[]", "{}", "\"\"", "\"\\ud800\"", "\"\\u0000\"", "99999999999999999999", "[[[[[[[[", "\"a\":1,\"a\":2"];

    private readonly Random _random = new(seed);

    /// <summary>The seed in force: <c>DRYDOCK_FUZZ_SEED</c>, else <paramref name="fallback"/>.</summary>
    public static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("DRYDOCK_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : fallback;

    /// <summary>The number of cases in force: <c>DRYDOCK_FUZZ_ITERATIONS</c>, else <paramref name="fallback"/>.</summary>
    public static int Iterations(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("DRYDOCK_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : fallback;

    /// <summary>A copy of <paramref name="input"/> with one to four mutations.</summary>
    public byte[] Mutate(ReadOnlySpan<byte> input) => Mutate(input, 0, input.Length);

    /// <summary>A copy of <paramref name="input"/> with one to four mutations, all inside [start, start + length).</summary>
    public byte[] Mutate(ReadOnlySpan<byte> input, int start, int length)
    {
        var bytes = new List<byte>(input.ToArray());
        var end = start + length;
        var count = _random.Next(1, 5);
        for (var i = 0; i < count && end > start; i++)
        {
            var at = _random.Next(start, end);
            switch (_random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    bytes[at] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.Insert(at, Interesting[_random.Next(Interesting.Length)]);
                    end++;
                    break;
                case 3:
                    var removed = Math.Min(_random.Next(1, 16), end - at);
                    bytes.RemoveRange(at, removed);
                    end -= removed;
                    break;
                case 4:
                    // A slice written twice: duplicate members, repeated descriptors, unbalanced brackets.
                    var slice = bytes.GetRange(at, Math.Min(_random.Next(1, 64), end - at));
                    bytes.InsertRange(_random.Next(start, end), slice);
                    end += slice.Count;
                    break;
                case 5:
                    var token = System.Text.Encoding.UTF8.GetBytes(Tokens[_random.Next(Tokens.Length)]);
                    bytes.InsertRange(at, token);
                    end += token.Length;
                    break;
                default:
                    if (_random.Next(4) == 0)
                    {
                        bytes.RemoveRange(at, bytes.Count - at);
                        end = at;
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
