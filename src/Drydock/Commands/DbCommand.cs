using System.CommandLine;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace Drydock.Commands;

/// <summary>
/// <c>drydock db update [--source NAME…] [--from DIR|URL] | status | export FILE | import FILE</c>, each
/// with <c>--db FILE</c> (default <c>vulndb.sqlite</c> in the user's cache directory, <see cref="CachePaths"/>). Update runs each source in its own
/// transaction; a failed source keeps its previous data and shows its error in <c>status</c>.
/// </summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Manage the vulnerability database: update, status, export, import.");
        command.Subcommands.Add(CreateUpdate());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(CreateImport());
        return command;
    }

    public static Option<string> DatabaseOption() => new("--db")
    {
        Description = $"The advisory database file (default {CachePaths.Database}; ${CachePaths.Variable} moves it).",
        DefaultValueFactory = _ => CachePaths.Database,
    };

    /// <summary>The sentence a command without a database prints.</summary>
    public static string NoDatabase(string path) =>
        $"No vulnerability database at {path}. Get one with `drydock db update` (from the internet), " +
        "`drydock db update --from DIR` (from a mirror directory) or `drydock db import FILE` (from an offline bundle).";

    /// <summary>
    /// Takes the database's lock for a command that rewrites it; null, after saying what to do instead, while a server
    /// holds it (a server keeps answering from the database it opened and re-matches nothing after a swap).
    /// </summary>
    public static DatabaseFileLock? LockForWriting(string database, string command)
    {
        var held = DatabaseFileLock.TryAcquire(database, command, out var heldBy);
        if (held is null)
        {
            Console.Error.WriteLine(
                $"error: {database} is in use by {heldBy}, which would not see it change. Go through the server instead: " +
                "POST /api/v1/db/update to update, or `curl --data-binary @BUNDLE http://SERVER/api/v1/db/import` to import a bundle; " +
                "or stop the server first.");
        }

        return held;
    }

    private static Command CreateUpdate()
    {
        var db = DatabaseOption();
        var sources = new Option<string[]>("--source") { Description = "Update only these sources (repeatable). Default: all.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "Read the feeds from a mirror: a directory laid out HOST/PATH, or a base URL." };
        var command = new Command("update", "Fetch the advisory feeds and update the database.") { db, sources, from };
        command.SetAction(async (parseResult, cancellationToken) =>
            await UpdateAsync(parseResult.GetValue(db)!, parseResult.GetValue(sources) ?? [], parseResult.GetValue(from), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> UpdateAsync(string database, IReadOnlyList<string> names, string? from, TextWriter output, CancellationToken cancellationToken)
    {
        var all = BuiltInEcosystems.AdvisorySources();
        var unknown = names.Where(n => all.All(s => s.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: no advisory source named {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(s => s.Name))}.");
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("drydock-vulndb/1");
        FeedContext context = from switch
        {
            null => new HttpFeedContext(http, null, TimeProvider.System, NullLogger<HttpFeedContext>.Instance),
            _ when Uri.TryCreate(from, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" =>
                new HttpFeedContext(http, url, TimeProvider.System, NullLogger<HttpFeedContext>.Instance),
            _ when Directory.Exists(from) => new DirectoryFeedContext(from),
            _ => throw new InvalidOperationException($"--from {from} is neither a directory nor an http(s) URL."),
        };

        using var held = LockForWriting(database, "drydock db update");
        if (held is null)
        {
            return 1;
        }

        var store = new SqliteAdvisoryStore(database, TimeProvider.System);
        var updater = new AdvisoryUpdater(store, context, NullLogger<AdvisoryUpdater>.Instance);
        var selected = names.Count == 0 ? all : [.. all.Where(s => names.Contains(s.Name))];
        var failed = 0;
        foreach (var source in selected)
        {
            var result = (await updater.UpdateAsync([source], cancellationToken)).Single();
            switch (result.Outcome)
            {
                case SourceUpdateOutcome.Updated:
                    await output.WriteLineAsync($"{result.Source}: updated, {result.RecordCount} records");
                    break;
                case SourceUpdateOutcome.Unchanged:
                    await output.WriteLineAsync($"{result.Source}: unchanged");
                    break;
                default:
                    failed++;
                    await output.WriteLineAsync($"{result.Source}: FAILED, previous data kept: {result.Error}");
                    break;
            }
        }

        var version = await store.GetVersionAsync(cancellationToken);
        await output.WriteLineAsync($"database {store.Path}: {(version is null ? "empty" : version.ToString())}");
        return failed == 0 ? 0 : 1;
    }

    private static Command CreateStatus()
    {
        var db = DatabaseOption();
        var command = new Command("status", "Show the database version and each source's last success, last attempt, records and error.") { db };
        command.SetAction(async (parseResult, cancellationToken) => await StatusAsync(parseResult.GetValue(db)!, Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> StatusAsync(string database, TextWriter output, CancellationToken cancellationToken)
    {
        if (!File.Exists(database))
        {
            await Console.Error.WriteLineAsync(NoDatabase(database));
            return 2;
        }

        var store = new SqliteAdvisoryStore(database, TimeProvider.System);
        var version = await store.GetVersionAsync(cancellationToken);
        var table = new Table().AddColumns("source", "last success", "last attempt", "records", "error");
        var known = (await store.GetSourceStatusAsync(cancellationToken)).ToDictionary(s => s.Source, StringComparer.Ordinal);
        foreach (var name in BuiltInEcosystems.AdvisorySources().Select(s => s.Name).Concat(known.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var s = known.GetValueOrDefault(name);
            table.AddRow(
                Markup.Escape(name),
                s?.LastSuccess?.ToString("u") ?? "never",
                s?.LastAttempt?.ToString("u") ?? "never",
                (s?.RecordCount ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                s?.Error is { } error ? $"[red]{Markup.Escape(error)}[/]" : string.Empty);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            // Not a terminal: one line per source, however long its error, so that the output greps.
            console.Profile.Width = 4096;
        }

        console.WriteLine($"database {store.Path}: {(version is null ? "no update committed yet" : $"{version}, schema {version.SchemaVersion}")}");
        console.Write(table);
        return 0;
    }

    private static Command CreateExport()
    {
        var db = DatabaseOption();
        var file = new Argument<string>("FILE") { Description = "The bundle to write." };
        var command = new Command("export", "Write an offline bundle (compressed database + manifest with SHA-256).") { file, db };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var database = parseResult.GetValue(db)!;
            if (!File.Exists(database))
            {
                await Console.Error.WriteLineAsync(NoDatabase(database));
                return 2;
            }

            var manifest = await OfflineBundle.ExportAsync(new SqliteAdvisoryStore(database, TimeProvider.System), parseResult.GetValue(file)!, TimeProvider.System, cancellationToken);
            Console.WriteLine($"wrote {parseResult.GetValue(file)}: revision {manifest.Revision}, {manifest.Size} bytes, sha256 {manifest.Sha256}");
            return 0;
        });
        return command;
    }

    private static Command CreateImport()
    {
        var db = DatabaseOption();
        var file = new Argument<string>("FILE") { Description = "The bundle to load." };
        var command = new Command("import", "Verify an offline bundle and replace the database with it.") { file, db };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var held = LockForWriting(parseResult.GetValue(db)!, "drydock db import");
            if (held is null)
            {
                return 1;
            }

            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                var manifest = await OfflineBundle.ImportAsync(parseResult.GetValue(file)!, parseResult.GetValue(db)!, cancellationToken);
                Console.WriteLine($"imported revision {manifest.Revision} ({manifest.UpdatedAt:u}), sha256 {manifest.Sha256} verified");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
