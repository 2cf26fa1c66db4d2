using Drydock.Scanning.Abstractions.Advisories;
using Microsoft.Extensions.Logging;

namespace Drydock.Scanning.Advisories;

/// <summary>
/// Runs source updates: fetch conditionally, parse, and replace the source's records in one transaction.
/// A failed fetch, a truncated body, a malformed record or any other failure of one source leaves that source's
/// previous data in force and records a one-line reason for <c>drydock db status</c>; other sources go on.
/// </summary>
public sealed partial class AdvisoryUpdater
{
    private readonly IAdvisoryStore _store;
    private readonly FeedContext _context;
    private readonly ILogger _logger;

    /// <summary>Creates the updater.</summary>
    public AdvisoryUpdater(IAdvisoryStore store, FeedContext context, ILogger<AdvisoryUpdater> logger)
    {
        _store = store;
        _context = context;
        _logger = logger;
    }

    /// <summary>Raised after a source committed new data, so that a match index can be rebuilt and swapped.</summary>
    public event EventHandler? DatabaseChanged;

    /// <summary>Updates each source in turn.</summary>
    public async Task<IReadOnlyList<SourceUpdateResult>> UpdateAsync(IEnumerable<IAdvisorySource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var results = new List<SourceUpdateResult>();
        foreach (var source in sources)
        {
            results.Add(await UpdateOneAsync(source, cancellationToken));
        }

        if (results.Any(r => r.Outcome == SourceUpdateOutcome.Updated))
        {
            DatabaseChanged?.Invoke(this, EventArgs.Empty);
        }

        return results;
    }

    private async Task<SourceUpdateResult> UpdateOneAsync(IAdvisorySource source, CancellationToken cancellationToken)
    {
        try
        {
            var previous = await _store.GetFingerprintAsync(source.Name, cancellationToken);
            var fetched = await source.FetchAsync(_context, previous, cancellationToken);
            if (fetched.IsUnchanged)
            {
                await _store.RecordAttemptAsync(source.Name, null, cancellationToken);
                LogUnchanged(source.Name);
                return new SourceUpdateResult(source.Name, SourceUpdateOutcome.Unchanged, 0, null);
            }

            await using var content = fetched.Content;
            var count = await _store.ReplaceSourceAsync(source.Name, source.ParseAsync(content, cancellationToken), fetched.Fingerprint, cancellationToken);
            LogUpdated(source.Name, count);
            return new SourceUpdateResult(source.Name, SourceUpdateOutcome.Updated, count, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever one source throws while fetching, parsing or storing (a malformed record, a value the store
            // cannot write, a bug in a parser) is that source's failure: its previous data stays in force and the
            // sources after it still update.
            var error = OneLine(e switch
            {
                FeedUnavailableException or MalformedRecordException => e.Message,
                _ => $"{source.Name}: {e.Message}",
            });
            await _store.RecordAttemptAsync(source.Name, error, CancellationToken.None);
            LogFailed(e, source.Name, error);
            return new SourceUpdateResult(source.Name, SourceUpdateOutcome.Failed, 0, error);
        }
    }

    // db status shows one row per source: the reason is kept to its first line and a bounded length.
    private static string OneLine(string message)
    {
        const int MaxLength = 400;
        var line = message.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 1), "…");
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Advisory source {Source} updated: {Count} records.")]
    private partial void LogUpdated(string source, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Advisory source {Source} unchanged upstream.")]
    private partial void LogUnchanged(string source);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Advisory source {Source} update failed; the previous data stays in force: {Error}")]
    private partial void LogFailed(Exception exception, string source, string error);
}
