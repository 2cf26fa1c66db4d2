using System.Buffers.Binary;

namespace Drydock.Ecosystems.Java;

/// <summary>
/// A buffered forward-only reader over a zip stream: the zip records are read from its buffer, and the
/// entry data streams (<see cref="ZipEntryStream"/>) take their bytes from the same buffer so that
/// nothing read ahead is lost between one entry and the next.
/// </summary>
internal sealed class ZipInput(Stream stream)
{
    public const int BufferSize = 64 * 1024;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _position;
    private int _length;
    private bool _end;

    /// <summary>The bytes read from the stream but not consumed yet.</summary>
    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_position, _length - _position);

    /// <summary>True when the stream is exhausted and every byte consumed.</summary>
    public bool AtEnd => _end && _position == _length;

    /// <summary>Reads until at least <paramref name="count"/> bytes (at most the buffer size) are available; false at the end.</summary>
    public async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        count = Math.Min(count, BufferSize);
        if (_length - _position >= count)
        {
            return true;
        }

        if (_position > 0)
        {
            Array.Copy(_buffer, _position, _buffer, 0, _length - _position);
            _length -= _position;
            _position = 0;
        }

        while (_length < count && !_end)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
            if (read == 0)
            {
                _end = true;
            }

            _length += read;
        }

        return _length - _position >= count;
    }

    public void Consume(int count) => _position += count;

    /// <summary>Copies up to <paramref name="destination"/>.Length available bytes out; 0 only at the end.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, int limit, CancellationToken cancellationToken)
    {
        if (!await FillAsync(1, cancellationToken))
        {
            return 0;
        }

        var count = Math.Min(Math.Min(destination.Length, limit), _length - _position);
        _buffer.AsMemory(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }

    /// <summary>Skips <paramref name="count"/> bytes; false when the stream ends first.</summary>
    public async ValueTask<bool> SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (!await FillAsync(1, cancellationToken))
            {
                return false;
            }

            var step = (int)Math.Min(count, _length - _position);
            _position += step;
            count -= step;
        }

        return true;
    }

    public uint PeekUInt32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(Available[offset..]);

    public ushort PeekUInt16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(Available[offset..]);
}
