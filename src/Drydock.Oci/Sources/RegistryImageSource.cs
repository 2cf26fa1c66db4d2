using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Drydock.Oci.IO;
using Drydock.Oci.Manifests;

namespace Drydock.Oci.Sources;

/// <summary>
/// An image in a registry (<c>docker://HOST/REPO:TAG|@DIGEST</c>), read over the OCI distribution
/// API: HTTPS with the system trust store (plain HTTP with --insecure), anonymous, basic or token
/// auth; an index resolves to one platform. Layers stream from the registry and are never stored.
/// </summary>
internal sealed class RegistryImageSource : BlobImageSource
{
    private static readonly string[] ManifestAccept =
    [
        MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest,
    ];

    private readonly RegistryReference _reference;
    private readonly string _target;
    private readonly Platform _platform;
    private readonly HttpClient _http;
    private readonly RegistryAuthenticator _auth;
    private readonly string _baseUri;

    public RegistryImageSource(RegistryReference reference, string target, ImageSourceOptions options, Platform platform)
    {
        _reference = reference;
        _target = target;
        _platform = platform;
        _http = options.HttpHandler is null ? new HttpClient() : new HttpClient(options.HttpHandler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("drydock/1.0");
        _auth = new RegistryAuthenticator(_http, options.Username, options.Password);
        _baseUri = $"{(options.Insecure ? "http" : "https")}://{reference.Host}/v2/{reference.Repository}";
    }

    public override string Target => _target;

    public override async Task<ImageDescription> ResolveAsync(CancellationToken cancellationToken)
    {
        var (bytes, mediaType, digest) = await GetManifestAsync(_reference.Reference, cancellationToken);
        string? indexDigest = null;
        if (MediaTypes.IsIndex(mediaType))
        {
            indexDigest = digest;
            var index = ManifestReader.ReadIndex(bytes, _target);
            var chosen = PlatformSelector.Select(index, _platform, _target);
            (bytes, mediaType, digest) = await GetManifestAsync(chosen.Digest, cancellationToken);
        }

        if (mediaType is MediaTypes.DockerManifestSchema1 or MediaTypes.DockerManifestSchema1Signed)
        {
            throw new InvalidDataException($"{_target} is a Docker schema 1 image, which Drydock does not read; push it again with a current client.");
        }

        var manifest = ManifestReader.ReadManifest(bytes, _target);
        byte[]? config = null;
        if (manifest.Config is not null)
        {
            await using var stream = await GetBlobAsync(manifest.Config.Digest, cancellationToken);
            config = await BoundedRead.ReadAllAsync(stream, BoundedRead.MaxDocumentBytes, $"{_target}: the config {manifest.Config.Digest}", cancellationToken);
            var expected = Digest.Parse(manifest.Config.Digest);
            if (expected.ComputeSameAlgorithm(config) != expected)
            {
                throw new InvalidDataException($"{_target}: the config does not match its digest {expected}.");
            }
        }

        return new ImageDescription
        {
            Target = _target,
            ManifestDigest = digest,
            IndexDigest = indexDigest,
            Manifest = manifest,
            Config = config,
            Platform = config is null ? null : ImageConfig.ReadPlatform(config),
            Layers = [.. (manifest.Layers ?? []).Select((layer, i) => new ImageLayer
            {
                Index = i,
                Digest = Digest.Parse(layer.Digest),
                MediaType = layer.MediaType,
                Size = layer.Size,
            })],
        };
    }

    public override Task<Stream> OpenLayerBlobAsync(ImageLayer layer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return GetBlobAsync(layer.Digest.ToString(), cancellationToken);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        _http.Dispose();
        await base.DisposeAsyncCore();
    }

    private async Task<(byte[] Bytes, string? MediaType, string Digest)> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync($"{_baseUri}/manifests/{reference}", ManifestAccept, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var digest = Digest.Compute(bytes);
        if (Digest.TryParse(reference, out var pinned) && pinned.ComputeSameAlgorithm(bytes) != pinned)
        {
            throw new InvalidDataException($"{_target}: the registry sent a manifest that does not match {reference}.");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null or "application/json" or "text/plain")
        {
            using var document = JsonDocument.Parse(bytes);
            mediaType = document.RootElement.TryGetProperty("mediaType", out var m) ? m.GetString()
                : document.RootElement.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest;
        }

        return (bytes, mediaType, Digest.TryParse(reference, out var d) ? d.ToString() : digest.ToString());
    }

    private async Task<Stream> GetBlobAsync(string digest, CancellationToken cancellationToken)
    {
        var response = await SendAsync($"{_baseUri}/blobs/{digest}", [], cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(string uri, string[] accept, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var type in accept)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            request.Headers.Authorization = _auth.Current;
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new HttpRequestException(
                    $"Could not reach {_reference.Host} for {_target}: {e.Message}. Check the host name, or use --insecure for a registry that speaks plain HTTP.",
                    e,
                    e.StatusCode);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0
                && await _auth.TryAnswerAsync(response, $"repository:{_reference.Repository}:pull", cancellationToken))
            {
                response.Dispose();
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                var said = await RegistryErrorAsync(response, cancellationToken);
                response.Dispose();

                // The registry's own words first: a pull a policy denies (Drydock's "prevent vulnerable" says which
                // findings and where the report is) is not a matter of credentials.
                var message = said is not null && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
                    ? $"{_reference.Host} refused {_target} ({(int)status}): {said}"
                    : status switch
                    {
                        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                            $"{_reference.Host} refused access to {_reference.Repository} ({(int)status}). Give credentials with --username/--password, or check they may pull it.",
                        HttpStatusCode.NotFound => $"{_target} was not found on {_reference.Host} ({uri}). Check the repository and tag.",
                        _ => $"{_reference.Host} answered {(int)status} for {uri}.",
                    };
                throw new HttpRequestException(message, null, status);
            }

            return response;
        }
    }

    /// <summary>
    /// The errors of an OCI error body (<c>{"errors": [{"code", "message", "detail"}]}</c>) as one line, or null when the
    /// body is none. At most 64 KiB of it is read.
    /// </summary>
    private static async Task<string?> RegistryErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[64 * 1024];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var lines = errors.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => (Code: e.TryGetProperty("code", out var c) ? c.ToString() : null, Message: e.TryGetProperty("message", out var m) ? m.ToString() : null))
                .Where(e => !string.IsNullOrEmpty(e.Message))
                .Select(e => string.IsNullOrEmpty(e.Code) ? e.Message! : $"{e.Code}: {e.Message}")
                .ToList();
            return lines.Count == 0 ? null : string.Join("; ", lines);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
