using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats.UpdateInfo;

/// <summary>
/// The yum/dnf repository metadata file <c>updateinfo.xml</c> (the <c>updateinfo</c> entry of a
/// repository's <c>repodata/repomd.xml</c>), as createrepo_c writes and reads it:
/// <c>&lt;updates&gt;&lt;update from status type version&gt;</c> with <c>id</c>, <c>title</c>,
/// <c>issued/@date</c>, <c>updated/@date</c>, <c>severity</c>, <c>description</c>,
/// <c>references/reference[@href @id @type @title]</c> and
/// <c>pkglist/collection/package[@name @epoch @version @release @arch]</c>. Amazon Linux publishes its
/// ALAS this way; SUSE and Fedora use the same format. Read as a stream, one update at a time, from plain,
/// gzip, bzip2 or zstd bytes.
/// </summary>
internal static class UpdateInfoParser
{
    // createrepo_c writes "%Y-%m-%d %H:%M:%S"; older yum tooling wrote minutes only or a date; SUSE writes
    // seconds since the epoch.
    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    /// <summary>Every update of one document.</summary>
    /// <param name="content">The document: XML, or gzip/zstd-compressed XML.</param>
    /// <param name="source">The source name, for errors.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async IAsyncEnumerable<UpdateInfoRecord> ReadAsync(Stream content, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seekable = await FeedDocuments.SeekableAsync(content, cancellationToken);
        await using var xml = FeedDocuments.Decompress(seekable);
        using var reader = XmlReader.Create(xml, new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            XmlResolver = null,
        });
        var last = "(start of document)";
        if (await NextAsync(reader, source, last, cancellationToken) is not { } root || root.NodeType != XmlNodeType.Element || root.LocalName != "updates")
        {
            throw new MalformedRecordException(source, "(document)", "the document is not an updateinfo.xml (no <updates> element)");
        }

        while (await NextUpdateAsync(reader, source, last, cancellationToken) is { } element)
        {
            var record = Read(element, source);
            last = record.Id;
            yield return record;
        }
    }

    // The reader on the document element; an XML error (a truncated or broken document) names the update
    // read last.
    private static async Task<XmlReader?> NextAsync(XmlReader reader, string source, string last, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await reader.MoveToContentAsync() == XmlNodeType.None ? null : reader;
        }
        catch (XmlException e)
        {
            throw new MalformedRecordException(source, $"after {last}", e.Message, e);
        }
    }

    private static async Task<XElement?> NextUpdateAsync(XmlReader reader, string source, string last, CancellationToken cancellationToken)
    {
        try
        {
            while (!reader.EOF)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "update")
                {
                    return (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                }

                await reader.ReadAsync();
            }

            return null;
        }
        catch (XmlException e)
        {
            throw new MalformedRecordException(source, $"after {last}", e.Message, e);
        }
    }

    private static UpdateInfoRecord Read(XElement update, string source)
    {
        var id = Text(update, "id") ?? throw new MalformedRecordException(source, "(update without id)", "an <update> has no <id>");
        var packages = new List<UpdateInfoPackage>();
        foreach (var package in update.Elements("pkglist").Elements("collection").Elements("package"))
        {
            var name = Attribute(package, "name");
            var version = Attribute(package, "version");
            var release = Attribute(package, "release");
            if (name is null || version is null || release is null)
            {
                throw new MalformedRecordException(source, id, "a package has no name, version or release");
            }

            packages.Add(new UpdateInfoPackage(name, Attribute(package, "epoch"), version, release, Attribute(package, "arch")));
        }

        return new UpdateInfoRecord(
            id,
            Attribute(update, "type"),
            Attribute(update, "status"),
            Text(update, "title"),
            Text(update, "severity"),
            update.Element("description")?.Value,
            Date(update.Element("issued"), source, id),
            Date(update.Element("updated"), source, id),
            [.. update.Elements("references").Elements("reference").Select(r => new UpdateInfoReference(Attribute(r, "href"), Attribute(r, "id"), Attribute(r, "type"), Attribute(r, "title")))],
            packages);
    }

    private static string? Text(XElement element, string name) => element.Element(name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset? Date(XElement? element, string source, string id)
    {
        if (element is null || Attribute(element, "date") is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        throw new MalformedRecordException(source, id, $"the date '{text}' is not a date");
    }
}
