using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Drydock.Ecosystems.PackageManagers.Rpm;

/// <summary>
/// The fields Drydock keeps from one rpm header blob, the value every rpm database backend stores
/// per installed package. The blob is big-endian: an index-entry count, a data length, the index
/// entries (tag, type, offset, count) and the data store. The first entry is normally the region
/// tag 63 (the immutable region rpm signs); the tags we read live inside it.
/// </summary>
internal sealed class RpmHeader
{
    /// <summary>rpm's own sanity limits (hdrchkTags and hdrchkData in header.c).</summary>
    private const uint MaxIndexEntries = 0xFFFF;
    private const uint MaxDataLength = 0x0FFF_FFFF;
    private const int EntrySize = 16;
    private const int RegionTrailerSize = 16;

    private const int TypeInt32 = 4;
    private const int TypeString = 6;
    private const int TypeBinary = 7;
    private const int TypeStringArray = 8;
    private const int TypeI18nString = 9;

    private const int TagHeaderImage = 61;
    private const int TagHeaderImmutable = 63;
    private const int TagName = 1000;
    private const int TagVersion = 1001;
    private const int TagRelease = 1002;
    private const int TagEpoch = 1003;
    private const int TagVendor = 1011;
    private const int TagLicense = 1014;
    private const int TagArch = 1022;
    private const int TagSourceRpm = 1044;
    private const int TagModularityLabel = 5096;

    private RpmHeader(string name, string version, string release)
    {
        Name = name;
        Version = version;
        Release = release;
    }

    /// <summary>RPMTAG_NAME.</summary>
    public string Name { get; }

    /// <summary>RPMTAG_VERSION.</summary>
    public string Version { get; }

    /// <summary>RPMTAG_RELEASE.</summary>
    public string Release { get; }

    /// <summary>RPMTAG_EPOCH, null when the header has none (which rpm compares as 0).</summary>
    public int? Epoch { get; private set; }

    /// <summary>RPMTAG_ARCH.</summary>
    public string? Architecture { get; private set; }

    /// <summary>RPMTAG_SOURCERPM, the source package file name (<c>name-version-release.src.rpm</c>).</summary>
    public string? SourceRpm { get; private set; }

    /// <summary>RPMTAG_LICENSE.</summary>
    public string? License { get; private set; }

    /// <summary>RPMTAG_VENDOR.</summary>
    public string? Vendor { get; private set; }

    /// <summary>RPMTAG_MODULARITYLABEL (<c>name:stream:version:context</c>).</summary>
    public string? ModularityLabel { get; private set; }

    /// <summary>
    /// Epoch, version and release as rpm's <c>%{EVR}</c> prints them: the epoch and a colon only when
    /// the header has an epoch tag (so an explicit epoch 0 prints as <c>0:</c>).
    /// </summary>
    public string Evr => Epoch is { } epoch ? $"{epoch}:{Version}-{Release}" : $"{Version}-{Release}";

    /// <summary>
    /// Parses a header blob. Every count, offset and length is checked against the blob: the input
    /// comes from an untrusted image. <paramref name="error"/> says what was wrong otherwise.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> blob,
        [NotNullWhen(true)] out RpmHeader? header,
        [NotNullWhen(false)] out string? error)
    {
        header = null;
        if (blob.Length < 8)
        {
            error = $"the header is {blob.Length} bytes, shorter than its 8-byte preamble";
            return false;
        }

        var indexCount = BinaryPrimitives.ReadUInt32BigEndian(blob);
        var dataLength = BinaryPrimitives.ReadUInt32BigEndian(blob[4..]);
        if (indexCount is 0 or > MaxIndexEntries)
        {
            error = $"the header declares {indexCount} index entries";
            return false;
        }

        if (dataLength > MaxDataLength)
        {
            error = $"the header declares {dataLength} bytes of data";
            return false;
        }

        var needed = 8L + (indexCount * (long)EntrySize) + dataLength;
        if (needed > blob.Length)
        {
            error = $"the header is truncated: it needs {needed} bytes and has {blob.Length}";
            return false;
        }

        var index = blob.Slice(8, (int)indexCount * EntrySize);
        var data = blob.Slice(8 + index.Length, (int)dataLength);

        var firstTag = BinaryPrimitives.ReadInt32BigEndian(index);
        if (firstTag is >= TagHeaderImage and <= TagHeaderImmutable && !IsValidRegion(index[..EntrySize], data))
        {
            error = $"the region entry (tag {firstTag}) points outside the data store";
            return false;
        }

        string? name = null, version = null, release = null, architecture = null, sourceRpm = null;
        string? license = null, vendor = null, modularityLabel = null;
        int? epoch = null;
        for (var i = 0; i < (int)indexCount; i++)
        {
            var entry = index.Slice(i * EntrySize, EntrySize);
            var tag = BinaryPrimitives.ReadInt32BigEndian(entry);
            if (tag is not (TagName or TagVersion or TagRelease or TagEpoch or TagVendor or TagLicense
                or TagArch or TagSourceRpm or TagModularityLabel))
            {
                continue;
            }

            var type = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            var offset = BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
            var count = BinaryPrimitives.ReadInt32BigEndian(entry[12..]);
            if (offset < 0 || offset >= data.Length || count < 1)
            {
                error = $"tag {tag} has offset {offset} and count {count}, outside the {data.Length}-byte data store";
                return false;
            }

            if (tag == TagEpoch)
            {
                if (type != TypeInt32 || offset > data.Length - 4)
                {
                    error = $"the epoch tag has type {type} at offset {offset}, not a 32-bit integer inside the data store";
                    return false;
                }

                epoch = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
                continue;
            }

            if (type is not (TypeString or TypeStringArray or TypeI18nString))
            {
                error = $"tag {tag} has type {type}, not a string";
                return false;
            }

            // For string arrays and translated strings the first element is the one rpm prints.
            var text = data[offset..];
            var end = text.IndexOf((byte)0);
            if (end < 0)
            {
                error = $"the string of tag {tag} at offset {offset} runs past the end of the data store";
                return false;
            }

            var value = Encoding.UTF8.GetString(text[..end]);
            switch (tag)
            {
                case TagName: name = value; break;
                case TagVersion: version = value; break;
                case TagRelease: release = value; break;
                case TagVendor: vendor = value; break;
                case TagLicense: license = value; break;
                case TagArch: architecture = value; break;
                case TagSourceRpm: sourceRpm = value; break;
                default: modularityLabel = value; break;
            }
        }

        if (name is null || version is null || release is null)
        {
            error = $"the header has no {(name is null ? "name" : version is null ? "version" : "release")} tag";
            return false;
        }

        header = new RpmHeader(name, version, release)
        {
            Epoch = epoch,
            Architecture = architecture,
            SourceRpm = sourceRpm,
            License = license,
            Vendor = vendor,
            ModularityLabel = modularityLabel,
        };
        error = null;
        return true;
    }

    /// <summary>The region entry is binary, 16 bytes long, and its trailer lies inside the data store.</summary>
    private static bool IsValidRegion(ReadOnlySpan<byte> entry, ReadOnlySpan<byte> data)
    {
        var type = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
        var offset = BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
        var count = BinaryPrimitives.ReadInt32BigEndian(entry[12..]);
        return type == TypeBinary && count == RegionTrailerSize && offset >= 0 && offset <= data.Length - RegionTrailerSize;
    }
}
