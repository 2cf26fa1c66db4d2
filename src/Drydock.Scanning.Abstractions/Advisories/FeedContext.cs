namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>
/// What a source fetches through: the engine decides where a feed URL is really read from (the
/// upstream, a mirror base URL, or a local directory laid out like the mirror), makes the request
/// conditional on the previous fingerprint and retries transient failures. Sources only name URLs.
/// </summary>
public abstract class FeedContext
{
    /// <summary>Fetches one document, conditionally on <paramref name="previous"/>; a 304 or an
    /// identical local file gives <see cref="FetchResult.Unchanged"/>. Throws
    /// <see cref="FeedUnavailableException"/> when the document cannot be fetched.</summary>
    /// <param name="upstream">The document's real upstream URL (a source's documented constant).</param>
    /// <param name="previous">The fingerprint of the previous successful fetch, if any.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public abstract Task<FetchResult> GetAsync(Uri upstream, Fingerprint? previous, CancellationToken cancellationToken);
}
