using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats;

/// <summary>
/// Sources made of several upstream documents (one secdb file per Alpine branch and repository) fetch
/// them all and hand the parser one zip whose entries are named by the document URL's host and path —
/// the same layout a mirror directory has. A single document passes through unchanged.
/// </summary>
public static class FeedDocuments
{
    /// <summary>Fetches every document. When all are unchanged the result is unchanged; otherwise every
    /// document is fetched in full (an update replaces the whole source) and zipped.</summary>
    public static async Task<FetchResult> FetchAllAsync(
        FeedContext context, IReadOnlyList<Uri> documents, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(documents);
        var previousParts = ReadFingerprints(previous);
        var results = new List<(Uri Url, FetchResult Result)>(documents.Count);
        try
        {
            foreach (var url in documents)
            {
                Fingerprint? part = previousParts.TryGetValue(url.AbsoluteUri, out var value) ? new Fingerprint(value) : null;
                results.Add((url, await context.GetAsync(url, part, cancellationToken)));
            }

            if (previous is not null && results.All(r => r.Result.IsUnchanged))
            {
                return FetchResult.Unchanged;
            }

            var buffer = new MemoryStream();
            var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                for (var i = 0; i < results.Count; i++)
                {
                    var (url, result) = results[i];
                    if (result.IsUnchanged)
                    {
                        result = await context.GetAsync(url, null, cancellationToken);
                        results[i] = (url, result);
                    }

                    var entry = zip.CreateEntry(EntryName(url), CompressionLevel.Fastest);
                    await using (var target = await entry.OpenAsync(cancellationToken))
                    {
                        await result.Content!.CopyToAsync(target, cancellationToken);
                    }

                    fingerprints[url.AbsoluteUri] = result.Fingerprint.Value;
                }
            }

            buffer.Position = 0;
            return FetchResult.Changed(buffer, new Fingerprint(JsonSerializer.Serialize(fingerprints)));
        }
        finally
        {
            foreach (var (_, result) in results)
            {
                if (result.Content is not null)
                {
                    await result.Content.DisposeAsync();
                }
            }
        }
    }

    /// <summary>The zip entry name (and mirror path) of a document: host and path, no scheme.</summary>
    public static string EntryName(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Host + url.AbsolutePath;
    }

    /// <summary>The documents in <paramref name="content"/>: each entry of a zip, or the stream itself
    /// (named "") when it is not a zip. Entries are buffered one at a time.</summary>
    public static async IAsyncEnumerable<(string Name, Stream Content)> ReadAsync(
        Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var seekable = await SeekableAsync(content, cancellationToken);
        if (!IsZip(seekable))
        {
            yield return (string.Empty, seekable);
            yield break;
        }

        using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            var buffer = new MemoryStream();
            await using (var entryStream = await entry.OpenAsync(cancellationToken))
            {
                await entryStream.CopyToAsync(buffer, cancellationToken);
            }

            buffer.Position = 0;
            yield return (entry.FullName, buffer);
        }
    }

    /// <summary>Parses a feed that is one JSON document; a document that is not JSON fails the source's
    /// update with a <see cref="MalformedRecordException"/> naming the source.</summary>
    public static async Task<JsonDocument> ParseJsonAsync(Stream content, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(content, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new MalformedRecordException(source, "(document)", e.Message, e);
        }
    }

    /// <summary>A seekable view of the stream (buffered when the stream cannot seek).</summary>
    public static async Task<Stream> SeekableAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek)
        {
            return content;
        }

        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>True when the seekable stream starts with the zip local-file signature; the position is kept.</summary>
    public static bool IsZip(Stream seekable) => StartsWith(seekable, [0x50, 0x4B, 0x03, 0x04]) || StartsWith(seekable, [0x50, 0x4B, 0x05, 0x06]);

    /// <summary>The seekable stream decompressed by its magic bytes: gzip, bzip2 (Oracle and SUSE publish
    /// OVAL that way) or zstd; anything else is returned as it is.</summary>
    public static Stream Decompress(Stream seekable)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        if (IsGzip(seekable))
        {
            return new GZipStream(seekable, CompressionMode.Decompress);
        }

        if (StartsWith(seekable, "BZh"u8))
        {
            return new BZip2InputStream(seekable);
        }

        return StartsWith(seekable, [0x28, 0xB5, 0x2F, 0xFD]) ? new DecompressionStream(seekable) : seekable;
    }

    /// <summary>True when the seekable stream starts with the gzip magic; the position is kept.</summary>
    public static bool IsGzip(Stream seekable) => StartsWith(seekable, [0x1F, 0x8B]);

    private static bool StartsWith(Stream seekable, ReadOnlySpan<byte> magic)
    {
        var position = seekable.Position;
        Span<byte> head = stackalloc byte[magic.Length];
        var read = seekable.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        seekable.Position = position;
        return read == magic.Length && head.SequenceEqual(magic);
    }

    private static Dictionary<string, string> ReadFingerprints(Fingerprint? previous)
    {
        if (previous is not { Value: { Length: > 0 } value } || value[0] != '{')
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return JsonSerializer.Deserialize<Dictionary<string, string>>(value) ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
