using System.CommandLine;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Oci.Layers;
using Drydock.Oci.Manifests;
using Drydock.Oci.Sources;
using Drydock.Output;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Scanning.Indexing;
using Drydock.Scanning.Matching;
using Drydock.Scanning.Reports;
using Spectre.Console;

namespace Drydock.Commands;

/// <summary>
/// <c>drydock scan TARGET [--format table|json|cyclonedx|sarif|spdx] [--severity LIST] [--ignore-unfixed]
/// [--exit-code N] [--ignore-file FILE] [--show-suppressed] [--db FILE] [--output FILE]</c>: indexes the
/// image, matches it against the vulnerability database and writes the report. Exits with N when findings
/// remain after the filters (0 by default), <see cref="ExitCodes.Usage"/> on usage errors,
/// <see cref="ExitCodes.Error"/> on failures; N may be neither of those.
/// </summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("TARGET") { Description = "docker://HOST/REPO:TAG|@DIGEST (or bare), oci:PATH[:REF], oci-archive:PATH, docker-archive:PATH, dir:PATH." };
        var format = new Option<string>("--format") { Description = "table, json, cyclonedx (with vulnerabilities and VEX), sarif (2.1.0) or spdx (the SBOM).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(["table", .. VulnerabilityReportWriters.Formats, "spdx"]);
        var severity = new Option<string?>("--severity") { Description = "Comma-separated severities to report: critical,high,medium,low,negligible,unknown." };
        var ignoreUnfixed = new Option<bool>("--ignore-unfixed") { Description = "Leave out findings without a fixed version." };
        var exitCode = new Option<int>("--exit-code")
        {
            Description = $"Exit with this code when findings remain after the filters (not {ExitCodes.Error}, an error, nor {ExitCodes.Usage}, a usage error).",
            DefaultValueFactory = _ => 0,
        };
        exitCode.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is ExitCodes.Error or ExitCodes.Usage or < 0 or > 255)
            {
                result.AddError(
                    $"--exit-code {result.GetValueOrDefault<int>()}: {ExitCodes.Error} means the scan failed and {ExitCodes.Usage} a usage error; " +
                    "choose another code from 3 to 255 for \"vulnerabilities found\", e.g. --exit-code 10.");
            }
        });
        var ignoreFile = new Option<string?>("--ignore-file") { Description = "Ignore rules: 'ID [exp:YYYY-MM-DD] [# reason]' per line." };
        var showSuppressed = new Option<bool>("--show-suppressed") { Description = "Also show findings the vendor states are not affected." };
        var db = DbCommand.DatabaseOption();
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output." };
        var platform = new Option<string?>("--platform") { Description = "The platform of a multi-platform image (default linux/amd64)." };
        var insecure = new Option<bool>("--insecure") { Description = "Talk plain HTTP to the registry." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = $"The layer-result cache directory (default {CachePaths.Layers})." };
        var noCache = new Option<bool>("--no-cache") { Description = "Read every layer; neither use nor fill the cache." };
        var credentials = new RegistryCredentials();
        var command = new Command("scan", "Index an image and report its vulnerabilities.")
        {
            target, format, severity, ignoreUnfixed, exitCode, ignoreFile, showSuppressed, db, output, platform, insecure, cacheDir, noCache,
        };
        foreach (var option in credentials.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (credentials.TryResolve(parseResult, parseResult.GetValue(target)!) is not { } login)
            {
                return ExitCodes.Usage;
            }

            return await RunAsync(
                new Settings(
                    parseResult.GetValue(target)!,
                    parseResult.GetValue(format)!,
                    parseResult.GetValue(severity),
                    parseResult.GetValue(ignoreUnfixed),
                    parseResult.GetValue(exitCode),
                    parseResult.GetValue(ignoreFile),
                    parseResult.GetValue(showSuppressed),
                    parseResult.GetValue(db)!,
                    parseResult.GetValue(output),
                    parseResult.GetValue(platform),
                    parseResult.GetValue(insecure),
                    parseResult.GetValue(noCache) ? null : parseResult.GetValue(cacheDir) ?? CachePaths.Layers,
                    login.User,
                    login.Password),
                Console.Out,
                cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(Settings settings, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stdout);
        if (!File.Exists(settings.Database))
        {
            await Console.Error.WriteLineAsync(DbCommand.NoDatabase(settings.Database));
            return 2;
        }

        if (!ImageTarget.TryParse(settings.Target, out var target, out var targetError))
        {
            await Console.Error.WriteLineAsync($"error: {targetError}");
            return 2;
        }

        var severities = new HashSet<Severity>();
        foreach (var word in (settings.Severity ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<Severity>(word, ignoreCase: true, out var parsed))
            {
                await Console.Error.WriteLineAsync($"error: --severity: '{word}' is not one of critical, high, medium, low, negligible, unknown.");
                return 2;
            }

            severities.Add(parsed);
        }

        IReadOnlyList<IgnoreRule> ignore = [];
        if (settings.IgnoreFile is { } ignorePath)
        {
            if (!File.Exists(ignorePath))
            {
                await Console.Error.WriteLineAsync($"error: --ignore-file {ignorePath}: no such file.");
                return ExitCodes.Usage;
            }

            if (!IgnoreFile.TryParse(await File.ReadAllTextAsync(ignorePath, cancellationToken), out var rules, out var ignoreError))
            {
                await Console.Error.WriteLineAsync($"error: {ignorePath}: {ignoreError}");
                return 2;
            }

            ignore = rules;
        }

        try
        {
            var registry = BuiltInEcosystems.CreateRegistry();
            var options = new ImageSourceOptions
            {
                Platform = settings.Platform is null ? null : Platform.Parse(settings.Platform),
                Insecure = settings.Insecure,
                Username = settings.Username,
                Password = settings.Password,
            };
            await using var source = await ImageSources.OpenAsync(target, options, cancellationToken);
            var indexer = new ImageIndexer(registry, settings.CacheDirectory is null ? null : new FileLayerResultCache(settings.CacheDirectory));
            var store = new SqliteAdvisoryStore(settings.Database, TimeProvider.System);
            var inventory = settings.Format == "table" && settings.Output is null
                ? await IndexingProgress.IndexAsync(indexer, source, plainLines: false, cancellationToken)
                : await indexer.IndexAsync(source, null, cancellationToken);

            // One image needs the statements about its own package names only: an indexed read of the database
            // instead of building the whole match index as the server does.
            var holder = new MatchIndexHolder();
            holder.Swap(await MatchIndex.BuildAsync(store, PackageMatcher.NamesToLookUp(inventory.Packages), cancellationToken));
            foreach (var warning in inventory.Warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {warning}");
            }

            var matched = await new VulnerabilityMatcher(registry, store, holder).MatchAsync(inventory.Distribution, inventory.Packages, cancellationToken);
            var filter = new FindingFilter { Severities = severities, IgnoreUnfixed = settings.IgnoreUnfixed, ShowSuppressed = settings.ShowSuppressed, Ignore = ignore };
            var findings = filter.Apply(matched.Findings, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
            var report = new VulnerabilityReport(inventory, findings, FindingBuilder.Summarize(findings) with { NotCovered = matched.Summary.NotCovered }, matched.DatabaseVersion);

            foreach (var gap in report.Summary.NotCovered)
            {
                await Console.Error.WriteLineAsync($"warning: {MatchSummary.Explain(gap)}");
            }

            await WriteAsync(report, settings, stdout, cancellationToken);
            return report.Summary.Total > 0 ? settings.ExitCode : 0;
        }
        catch (Exception e) when (e is LayerException or HttpRequestException or IOException or InvalidDataException or InvalidOperationException
                                       or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task WriteAsync(VulnerabilityReport report, Settings settings, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (settings.Format == "table")
        {
            var writer = settings.Output is null ? stdout : new StreamWriter(settings.Output);
            try
            {
                WriteTable(report, writer, settings.TableWidth ?? Columns());
            }
            finally
            {
                if (settings.Output is not null)
                {
                    await writer.DisposeAsync();
                }
            }

            return;
        }

        Func<Stream, Task> write = settings.Format == "spdx"
            ? async stream =>
            {
                InventoryWriters.TryGet("spdx", TimeProvider.System, out var spdx);
                await spdx!.WriteAsync(report.Inventory, stream, cancellationToken);
            }
            : async stream =>
            {
                VulnerabilityReportWriters.TryGet(settings.Format, TimeProvider.System, out var writer);
                await writer!.WriteAsync(report, stream, cancellationToken);
            };
        if (settings.Output is null)
        {
            using var buffer = new MemoryStream();
            await write(buffer);
            await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            await stdout.FlushAsync(cancellationToken);
        }
        else
        {
            await OutputFile.WriteAsync(settings.Output, (file, _) => write(file), cancellationToken);
        }
    }

    // Off a terminal the table is as wide as $COLUMNS says (what a CI log or `| less` shows), else 80.
    private static int Columns() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns > 0 ? columns : 80;

    private static void WriteTable(VulnerabilityReport report, TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (!ReferenceEquals(writer, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = width;
        }

        var inventory = report.Inventory;
        console.MarkupLine($"[bold]{Markup.Escape(inventory.Target)}[/] {Markup.Escape(inventory.ManifestDigest ?? string.Empty)} " +
                           $"({Markup.Escape(inventory.Distribution?.PrettyName ?? inventory.Distribution?.Id ?? "no distribution")}, {inventory.Packages.Count} packages, " +
                           $"database {Markup.Escape(report.DatabaseVersion?.ToString() ?? "empty")})");
        foreach (var group in report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
        {
            // An id cut over two lines cannot be searched for or copied: the id never wraps, the title gives way.
            var table = new Table().Title($"[bold]{group.Key.ToString().ToUpperInvariant()}[/] ({group.Count()})")
                .AddColumn(new TableColumn("vulnerability").NoWrap())
                .AddColumns("package", "installed", "fixed", "status", "source", "title");
            foreach (var f in group)
            {
                table.AddRow(
                    Markup.Escape(f.VulnerabilityId + (f.KnownExploited is null ? string.Empty : " (KEV)")),
                    Markup.Escape(f.Package.Name),
                    Markup.Escape(f.InstalledVersion),
                    Markup.Escape(f.FixedVersion ?? "-"),
                    Markup.Escape(VulnerabilityStatus(f)),
                    Markup.Escape(f.SeveritySource ?? string.Join(",", f.Sources)),
                    Markup.Escape(Truncate(f.Title ?? f.Description ?? string.Empty, 60)));
            }

            console.Write(table);
        }

        var s = report.Summary;
        var counts = string.Join(", ", s.BySeverity.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Key.ToString().ToUpperInvariant()}: {p.Value}"));
        console.MarkupLine(Markup.Escape(
            $"Total: {s.Total}{(counts.Length == 0 ? string.Empty : $" ({counts})")}, " +
            $"fixable: {s.Fixable}{(s.Suppressed > 0 ? $", suppressed: {s.Suppressed}" : string.Empty)}, status: {s.Status}"));
        foreach (var gap in s.NotCovered)
        {
            console.MarkupLine($"[yellow]Not covered:[/] {Markup.Escape(MatchSummary.Explain(gap))}");
        }
    }

    private static string VulnerabilityStatus(Finding f) => f.Status switch
    {
        FindingStatus.Fixed => "fixed",
        FindingStatus.Affected => "affected, no fix",
        FindingStatus.WillNotFix => "will not fix",
        _ => "not affected",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The parsed command line.</summary>
    public sealed record Settings(
        string Target,
        string Format,
        string? Severity,
        bool IgnoreUnfixed,
        int ExitCode,
        string? IgnoreFile,
        bool ShowSuppressed,
        string Database,
        string? Output,
        string? Platform,
        bool Insecure,
        string? CacheDirectory,
        string? Username = null,
        string? Password = null,
        int? TableWidth = null);
}
