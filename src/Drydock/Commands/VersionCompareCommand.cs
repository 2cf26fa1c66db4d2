using System.CommandLine;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Commands;

/// <summary>
/// <c>drydock debug vercmp --ecosystem NAME [--satisfies]</c>: compares versions read from standard input,
/// one <c>A&lt;TAB&gt;B</c> pair per line, printing -1, 0 or 1; with --satisfies, reads
/// <c>RANGE&lt;TAB&gt;VERSION</c> and prints true or false. A bad line prints <c>error: reason</c> and the run goes on.
/// </summary>
internal static class VersionCompareCommand
{
    public static Command Create()
    {
        var ecosystem = new Option<string>("--ecosystem")
        {
            Description = "The version scheme: deb, rpm, apk, semver, npm, pypi, maven, go, nuget, rubygems, cargo, composer.",
            Required = true,
        };
        var satisfies = new Option<bool>("--satisfies")
        {
            Description = "Read RANGE<TAB>VERSION lines and print whether the version is in the range.",
        };
        var command = new Command("vercmp", "Compare versions read from standard input (A<TAB>B per line; prints -1, 0 or 1).")
        {
            ecosystem,
            satisfies,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var registry = BuiltInEcosystems.CreateRegistry();
            var name = parseResult.GetValue(ecosystem)!;
            using var input = new StreamReader(Console.OpenStandardInput(), bufferSize: 1 << 16);
            await using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
            var exitCode = parseResult.GetValue(satisfies)
                ? await RunSatisfiesAsync(registry, name, input, output, cancellationToken)
                : await RunCompareAsync(registry, name, input, output, cancellationToken);
            await output.FlushAsync(cancellationToken);
            return exitCode;
        });
        return command;
    }

    /// <summary>Compares each <c>A&lt;TAB&gt;B</c> line. Returns the process exit code.</summary>
    public static async Task<int> RunCompareAsync(
        EcosystemRegistry registry, string schemeName, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (!registry.TryGetVersionScheme(schemeName, out var scheme))
        {
            await Console.Error.WriteLineAsync($"error: no version scheme named '{schemeName}'. Known: {string.Join(", ", registry.VersionSchemes.Select(s => s.Name).Order(StringComparer.Ordinal))}.");
            return 2;
        }

        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            output.WriteLine(CompareLine(scheme, line));
        }

        return 0;
    }

    /// <summary>Evaluates each <c>RANGE&lt;TAB&gt;VERSION</c> line. Returns the process exit code.</summary>
    public static async Task<int> RunSatisfiesAsync(
        EcosystemRegistry registry, string syntaxName, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (!registry.TryGetRangeSyntax(syntaxName, out var syntax))
        {
            await Console.Error.WriteLineAsync($"error: no range syntax named '{syntaxName}'.");
            return 2;
        }

        // Piped input repeats ranges: parsing one (regular expressions) costs far more than testing a
        // version, so parsed ranges are kept, up to a bound so that a stream of distinct ranges cannot
        // grow the cache without end.
        const int maxCachedRanges = 16_384;
        var cache = new Dictionary<string, (IVersionRange? Range, string? Error)>(StringComparer.Ordinal);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                output.WriteLine("error: expected RANGE<TAB>VERSION");
                continue;
            }

            var range = line[..tab];
            if (!cache.TryGetValue(range, out var parsed))
            {
                if (cache.Count >= maxCachedRanges)
                {
                    cache.Clear();
                }

                parsed = syntax.TryParse(range, out var result, out var reason) ? (result, null) : (null, reason);
                cache[range] = parsed;
            }

            output.WriteLine(parsed.Range is null
                ? $"error: {parsed.Error}"
                : parsed.Range.Contains(line.AsSpan(tab + 1)) ? "true" : "false");
        }

        return 0;
    }

    /// <summary>The output line for one input line.</summary>
    public static string CompareLine(IVersionScheme scheme, string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0)
        {
            return "error: expected A<TAB>B";
        }

        var left = line.AsSpan(0, tab);
        var right = line.AsSpan(tab + 1);
        if (!scheme.TryValidate(left, out var reason) || !scheme.TryValidate(right, out reason))
        {
            return $"error: {reason}";
        }

        return Math.Sign(scheme.Compare(left, right)) switch
        {
            < 0 => "-1",
            0 => "0",
            _ => "1",
        };
    }
}
