using System.Formats.Tar;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Ecosystems.AdvisoryFormats.Csaf;
using Drydock.Scanning.Abstractions.Advisories;
using ZstdSharp;

namespace Drydock.Ecosystems.Rhel;

/// <summary>Red Hat CSAF VEX: the latest full archive of per-CVE VEX documents, matched by product
/// (RHEL major release) and module stream.</summary>
internal sealed class RedHatVexSource : IAdvisorySource
{
    // Feed format: text file naming the latest archive, e.g. "csaf_vex_2024-07-14.tar.zst"; the archive is
    // a zstd-compressed tar of CSAF 2.0 VEX JSON documents (one per CVE) under {BaseUrl}.
    public const string LatestUrl = "https://security.access.redhat.com/data/csaf/v2/vex/archive_latest.txt";

    public const string BaseUrl = "https://security.access.redhat.com/data/csaf/v2/vex/";

    public string Name => "redhat-vex";

    public async Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var latest = await context.GetAsync(new Uri(LatestUrl), null, cancellationToken);
        string archive;
        await using (var content = latest.Content!)
        using (var reader = new StreamReader(content))
        {
            archive = (await reader.ReadToEndAsync(cancellationToken)).Trim();
        }

        return await context.GetAsync(new Uri(BaseUrl + archive), previous, cancellationToken);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seekable = await FeedDocuments.SeekableAsync(content, cancellationToken);
        var first = seekable.ReadByte();
        seekable.Position = 0;
        if (first == '{')
        {
            if (await ParseDocumentAsync(seekable, "(document)", cancellationToken) is { } single)
            {
                yield return single;
            }

            yield break;
        }

        // 0x28 = zstd frame magic (28 B5 2F FD); otherwise a plain tar.
        Stream tarStream = first == 0x28 ? new DecompressionStream(seekable) : seekable;
        await using (tarStream)
        {
            using var tar = new TarReader(tarStream);
            while (await tar.GetNextEntryAsync(copyData: true, cancellationToken) is { } entry)
            {
                if (entry.DataStream is null || !entry.Name.EndsWith(".json", StringComparison.Ordinal))
                {
                    continue;
                }

                if (await ParseDocumentAsync(entry.DataStream, entry.Name, cancellationToken) is { } advisory)
                {
                    yield return advisory;
                }
            }
        }
    }

    private async Task<Advisory?> ParseDocumentAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new MalformedRecordException(Name, name, e.Message, e);
        }

        using (json)
        {
            try
            {
                return CsafVexParser.Parse(json, Name, name);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new MalformedRecordException(Name, name, e.Message, e);
            }
        }
    }
}
