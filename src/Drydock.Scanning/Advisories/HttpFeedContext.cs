using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Drydock.Scanning.Abstractions.Advisories;
using Microsoft.Extensions.Logging;

namespace Drydock.Scanning.Advisories;

/// <summary>
/// Fetches feed documents over HTTP: from the upstream URL, or from a mirror that holds each document at
/// <c>{mirror}/{host}/{path}</c>; conditional on the previous ETag / Last-Modified (304 → unchanged);
/// retrying 5xx, 408, 429 and timeouts with exponential backoff, a bounded number of times. The body is
/// read completely into a temporary file before parsing, so a connection that drops mid-body (a
/// truncated download) fails the fetch instead of feeding half a document to the parser.
/// </summary>
public sealed partial class HttpFeedContext : FeedContext
{
    private readonly HttpClient _http;
    private readonly Uri? _mirror;
    private readonly TimeProvider _time;
    private readonly int _maxAttempts;
    private readonly TimeSpan _initialBackoff;
    private readonly ILogger _logger;

    /// <summary>Creates the context.</summary>
    /// <param name="http">The client (its timeout bounds each attempt).</param>
    /// <param name="mirror">The mirror base URL, or null for the upstream.</param>
    /// <param name="time">The clock the backoff waits on.</param>
    /// <param name="logger">Logs retries.</param>
    /// <param name="maxAttempts">Attempts per document, at least 1.</param>
    /// <param name="initialBackoff">The first wait; each retry doubles it.</param>
    public HttpFeedContext(HttpClient http, Uri? mirror, TimeProvider time, ILogger<HttpFeedContext> logger, int maxAttempts = 4, TimeSpan? initialBackoff = null)
    {
        _http = http;
        _mirror = mirror;
        _time = time;
        _logger = logger;
        _maxAttempts = Math.Max(1, maxAttempts);
        _initialBackoff = initialBackoff ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>Where <paramref name="upstream"/> is read from with the configured mirror.</summary>
    public Uri Resolve(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (_mirror is null)
        {
            return upstream;
        }

        var baseText = _mirror.AbsoluteUri.TrimEnd('/');
        return new Uri($"{baseText}/{upstream.Host}{upstream.PathAndQuery}");
    }

    /// <inheritdoc/>
    public override async Task<FetchResult> GetAsync(Uri upstream, Fingerprint? previous, CancellationToken cancellationToken)
    {
        var url = Resolve(upstream);
        var remembered = FeedFingerprint.From(previous);
        var backoff = _initialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (remembered?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
                {
                    request.Headers.IfNoneMatch.Add(tag);
                }

                if (remembered?.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, out var since))
                {
                    request.Headers.IfModifiedSince = since;
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return FetchResult.Unchanged;
                }

                if (response.IsSuccessStatusCode)
                {
                    return await ReadBodyAsync(response, remembered, cancellationToken);
                }

                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if (!IsTransient(response.StatusCode))
                {
                    throw new FeedUnavailableException($"{url} answered {failure}.");
                }
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (IOException e)
            {
                // The connection dropped while the body was read: a truncated download.
                failure = $"the download was cut off ({e.Message})";
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"timed out ({e.Message})";
            }

            if (attempt >= _maxAttempts)
            {
                throw new FeedUnavailableException($"{url} could not be fetched after {attempt} attempts: {failure}.");
            }

            LogRetry(url, attempt, failure, backoff);
            await Task.Delay(backoff, _time, cancellationToken);
            backoff *= 2;
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static async Task<FetchResult> ReadBodyAsync(HttpResponseMessage response, FeedFingerprint? remembered, CancellationToken cancellationToken)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"drydock-feed-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (response.Content.Headers.ContentLength is { } length && length != file.Length)
            {
                throw new IOException($"expected {length} bytes, received {file.Length}");
            }

            var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (remembered?.Sha256 == digest)
            {
                await file.DisposeAsync();
                return FetchResult.Unchanged;
            }

            file.Position = 0;
            var fingerprint = new FeedFingerprint(
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"),
                digest);
            return FetchResult.Changed(file, fingerprint.ToFingerprint());
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Fetching {Url} failed (attempt {Attempt}): {Failure}; retrying in {Backoff}.")]
    private partial void LogRetry(Uri url, int attempt, string failure, TimeSpan backoff);
}
