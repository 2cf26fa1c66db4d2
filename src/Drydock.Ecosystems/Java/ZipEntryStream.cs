using System.Buffers.Binary;

namespace Drydock.Ecosystems.Java;

/// <summary>
/// The raw (still compressed) bytes of one zip entry, read forward from the archive. When the local
/// header states the compressed size, that many bytes; when it does not (general-purpose flag bit 3:
/// the sizes follow the data in a data descriptor, as java.util.zip.ZipOutputStream and therefore
/// <c>jar</c> and Maven write every deflated entry), the data ends at the first
/// <c>PK\x07\x08</c> descriptor whose compressed-size field equals the number of bytes before it.
/// A stream that does not seek cannot read the central directory first, so this is how the size is
/// learnt; the signature check plus the size check make a false match in compressed data negligible.
/// </summary>
internal sealed class ZipEntryStream : Stream
{
    private const uint DescriptorSignature = 0x08074b50;
    private const int LongestDescriptor = 24; // signature, CRC-32, 8-byte sizes (zip64)
    private readonly ZipInput _input;
    private readonly long _size;
    private long _delivered;
    private bool _done;

    public ZipEntryStream(ZipInput input, long? size)
    {
        _input = input;
        _size = size ?? -1;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _delivered; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.Length == 0)
        {
            return 0;
        }

        if (_size >= 0)
        {
            var remaining = _size - _delivered;
            if (remaining == 0)
            {
                _done = true;
                return 0;
            }

            var read = await _input.ReadAsync(buffer, (int)Math.Min(remaining, int.MaxValue), cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("The archive ends inside an entry.");
            }

            _delivered += read;
            return read;
        }

        return await ReadUntilDescriptorAsync(buffer, cancellationToken);
    }

    /// <summary>Reads to the end of the entry, so the archive reader can go on with the next header.</summary>
    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        var scratch = new byte[16 * 1024];
        while (await ReadAsync(scratch, cancellationToken) > 0)
        {
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async ValueTask<int> ReadUntilDescriptorAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _input.FillAsync(ZipInput.BufferSize, cancellationToken);
        var available = _input.Available;
        var atEnd = available.Length < ZipInput.BufferSize;
        if (available.Length < 16)
        {
            throw new InvalidDataException("The archive ends inside an entry whose data descriptor is missing.");
        }

        // A descriptor may start anywhere a whole one still fits in what is held.
        var lastStart = available.Length - 16;
        var offset = 0;
        while (offset <= lastStart)
        {
            var index = available[offset..].IndexOf("PK\x07\x08"u8);
            if (index < 0 || offset + index > lastStart)
            {
                break;
            }

            var candidate = offset + index;
            var compressed = _delivered + candidate;
            var descriptorLength = 0;
            if (BinaryPrimitives.ReadUInt32LittleEndian(available[(candidate + 8)..]) == (uint)compressed && compressed <= uint.MaxValue)
            {
                descriptorLength = 16;
            }
            else if (available.Length - candidate >= LongestDescriptor
                     && BinaryPrimitives.ReadInt64LittleEndian(available[(candidate + 8)..]) == compressed)
            {
                descriptorLength = LongestDescriptor;
            }

            if (descriptorLength > 0)
            {
                var count = Math.Min(candidate, buffer.Length);
                available[..count].CopyTo(buffer.Span);
                _input.Consume(count);
                _delivered += count;
                if (count == candidate)
                {
                    _input.Consume(descriptorLength);
                    _done = true;
                }

                return count;
            }

            offset = candidate + 1;
        }

        // Hand out what cannot be the start of a descriptor that is only partly held yet.
        var safe = Math.Min(atEnd ? available.Length : available.Length - (LongestDescriptor - 1), buffer.Length);
        if (safe <= 0 || atEnd)
        {
            throw new InvalidDataException("The archive ends inside an entry whose data descriptor is missing.");
        }

        available[..safe].CopyTo(buffer.Span);
        _input.Consume(safe);
        _delivered += safe;
        return safe;
    }
}
