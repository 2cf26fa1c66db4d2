using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;
using Drydock.Server.Integration;

namespace Drydock.Server.Updates;

/// <summary>
/// Runs the advisory updater inside the server, one run at a time: a request while a run is in progress gets that
/// run. After a run that changed the database, the match index is rebuilt and swapped and every stored inventory is
/// matched again (<see cref="Rematcher"/>), without reading a layer.
/// </summary>
internal sealed partial class DatabaseUpdateRunner(
    ServerMatcher matcher,
    Rematcher rematcher,
    DatabaseUpdateOptions options,
    IHttpClientFactory httpClients,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    public const string HttpClientName = "advisory-feeds";

    private readonly Lock _starting = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<DatabaseUpdateRunner>();
    private DatabaseUpdate? _current;
    private Task _running = Task.CompletedTask;

    /// <summary>The run in progress, or the last one; null before the first.</summary>
    public DatabaseUpdate? Current => Volatile.Read(ref _current);

    /// <summary>Starts a run, or returns the one in progress (<paramref name="started"/> false) and a task that ends with it.</summary>
    public DatabaseUpdate Start(string trigger, out bool started, out Task completion) =>
        Start(trigger, UpdateSourcesAsync, out started, out completion);

    /// <summary>
    /// Starts a run that swaps in the verified database at <paramref name="stagedDatabase"/> (an offline bundle's,
    /// deleted afterwards) and then, like an update that changed the database, rebuilds the index and matches every
    /// stored inventory again; <paramref name="started"/> is false, and nothing is done, while another run is in
    /// progress.
    /// </summary>
    public DatabaseUpdate StartImport(string stagedDatabase, out bool started)
    {
        var update = Start(
            "import",
            async (store, cancellationToken) =>
            {
                try
                {
                    await store.RestoreFromAsync(stagedDatabase, cancellationToken);
                    return [];
                }
                finally
                {
                    DeleteDatabaseFile(stagedDatabase);
                }
            },
            out started,
            out _);
        if (!started)
        {
            DeleteDatabaseFile(stagedDatabase);
        }

        return update;
    }

    /// <summary>Deletes a database file with its write-ahead log and shared-memory files.</summary>
    public static void DeleteDatabaseFile(string path)
    {
        File.Delete(path);
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
    }

    private DatabaseUpdate Start(
        string trigger, Func<Data.Sqlite.SqliteAdvisoryStore, CancellationToken, Task<IReadOnlyList<SourceUpdateResult>>> apply, out bool started, out Task completion)
    {
        lock (_starting)
        {
            if (!_running.IsCompleted)
            {
                started = false;
                completion = _running;
                return _current!;
            }

            var update = new DatabaseUpdate
            {
                Id = Guid.NewGuid().ToString("N"),
                Trigger = trigger,
                Status = "Running",
                StartedAt = timeProvider.GetUtcNow(),
            };
            Volatile.Write(ref _current, update);

            // The run belongs to the server, not to the request that asked for it: it ends only when the server stops.
            _running = Task.Run(() => RunAsync(update, apply, lifetime.ApplicationStopping), CancellationToken.None);
            started = true;
            completion = _running;
            return update;
        }
    }

    private async Task RunAsync(
        DatabaseUpdate update, Func<Data.Sqlite.SqliteAdvisoryStore, CancellationToken, Task<IReadOnlyList<SourceUpdateResult>>> apply, CancellationToken cancellationToken)
    {
        LogStarted(_logger, update.Id, update.Trigger);
        try
        {
            var store = matcher.OpenStore();
            var results = await apply(store, cancellationToken);
            var version = await store.GetVersionAsync(cancellationToken);

            // Changed by this run (an update or an import), or by a `drydock db update` that wrote the file since the
            // index was built.
            var changed = version is not null && version != matcher.Version;
            var rematch = new RematchResult(0, 0, 0);
            TimeSpan? rematchElapsed = null;
            if (changed)
            {
                await matcher.ReloadAsync(cancellationToken);
                var started = timeProvider.GetTimestamp();
                rematch = await rematcher.RematchAllAsync(cancellationToken);
                rematchElapsed = timeProvider.GetElapsedTime(started);
            }

            var failed = results.Count(r => r.Outcome == SourceUpdateOutcome.Failed);
            var finished = update with
            {
                Status = failed == 0 ? "Succeeded" : "Failed",
                FinishedAt = timeProvider.GetUtcNow(),
                Sources = [.. results.Select(r => new SourceUpdate(r.Source, r.Outcome.ToString(), r.RecordCount, r.Error))],
                Changed = changed,
                DatabaseVersion = (matcher.Version ?? version)?.ToString(),
                Rematched = rematch.Rematched,
                RematchElapsed = rematchElapsed,
                WithNewFindings = rematch.WithNewFindings,
                Error = failed == 0 ? null : $"{failed} of {results.Count} sources failed; their previous data stays in force.",
            };
            Volatile.Write(ref _current, finished);
            LogFinished(_logger, update.Id, finished.Status, changed, rematch.Rematched, rematch.WithNewFindings);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _current, update with { Status = "Failed", FinishedAt = timeProvider.GetUtcNow(), Error = "The server stopped during the update." });
        }
        catch (Exception e)
        {
            LogBrokeOff(_logger, e, update.Id);
            Volatile.Write(ref _current, update with { Status = "Failed", FinishedAt = timeProvider.GetUtcNow(), Error = e.Message });
        }
    }

    private async Task<IReadOnlyList<SourceUpdateResult>> UpdateSourcesAsync(IAdvisoryStore store, CancellationToken cancellationToken)
    {
        var all = BuiltInEcosystems.AdvisorySources();
        if (options.Sources.FirstOrDefault(n => all.All(s => s.Name != n)) is { } unknown)
        {
            // A typo must not pass for "nothing to update".
            throw new InvalidOperationException(
                $"Scanning:Update:Sources names '{unknown}', which is no advisory source; known: {string.Join(", ", all.Select(s => s.Name))}.");
        }

        var selected = options.Sources.Count == 0 ? all : [.. all.Where(s => options.Sources.Contains(s.Name))];
        var http = httpClients.CreateClient(HttpClientName);
        http.Timeout = options.RequestTimeout;
        FeedContext context = options.From switch
        {
            null or "" => new HttpFeedContext(http, null, timeProvider, loggerFactory.CreateLogger<HttpFeedContext>()),
            var from when Uri.TryCreate(from, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" =>
                new HttpFeedContext(http, url, timeProvider, loggerFactory.CreateLogger<HttpFeedContext>()),
            var from => new DirectoryFeedContext(from),
        };
        var updater = new AdvisoryUpdater(store, context, loggerFactory.CreateLogger<AdvisoryUpdater>());
        return await updater.UpdateAsync(selected, cancellationToken);
    }

    [LoggerMessage(4201, LogLevel.Information, "Advisory database update {UpdateId} started ({Trigger})")]
    private static partial void LogStarted(ILogger logger, string updateId, string trigger);

    [LoggerMessage(4202, LogLevel.Information, "Advisory database update {UpdateId}: {Status}, changed {Changed}, {Rematched} artifacts matched again, {WithNewFindings} with new findings")]
    private static partial void LogFinished(ILogger logger, string updateId, string status, bool changed, int rematched, int withNewFindings);

    [LoggerMessage(4203, LogLevel.Warning, "Advisory database update {UpdateId} broke off")]
    private static partial void LogBrokeOff(ILogger logger, Exception exception, string updateId);
}
