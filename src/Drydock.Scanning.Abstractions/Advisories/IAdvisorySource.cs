namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>One upstream advisory feed. Fetching and parsing are separate so that parsing is a pure
/// function of a stream, tested from files.</summary>
public interface IAdvisorySource
{
    /// <summary>Stable lowercase id, e.g. "alpine-secdb".</summary>
    string Name { get; }

    /// <summary>Fetches the feed through <paramref name="context"/> (which applies mirrors, conditional
    /// requests and retries), conditionally on <paramref name="previous"/>.</summary>
    Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken);

    /// <summary>Parses fetched content into advisories.</summary>
    IAsyncEnumerable<Advisory> ParseAsync(Stream content, CancellationToken cancellationToken);
}
