namespace Drydock.Ecosystems.Binaries;

/// <summary>
/// A bounded window over a forward-only stream for finding byte patterns in large files (binaries):
/// memory stays at about two chunks whatever the file size.
/// </summary>
internal sealed class ForwardScanner(Stream stream, int chunkSize)
{
    private byte[] _buffer = new byte[chunkSize * 2];
    private int _length;
    private bool _end;

    /// <summary>The bytes currently held.</summary>
    public ReadOnlySpan<byte> Window => _buffer.AsSpan(0, _length);

    /// <summary>The bytes held from <paramref name="offset"/>, as an array segment (for streams over them).</summary>
    public ArraySegment<byte> Segment(int offset) => new(_buffer, offset, _length - offset);

    /// <summary>Reads until at least <paramref name="count"/> bytes are held; false at the end of the stream.</summary>
    public async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_length < count && !_end)
        {
            if (_length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
            if (read == 0)
            {
                _end = true;
            }

            _length += read;
        }

        return _length >= count;
    }

    /// <summary>Makes sure the window holds <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
    public ValueTask<bool> EnsureAsync(int offset, int count, CancellationToken cancellationToken) =>
        FillAsync(offset + count, cancellationToken);

    /// <summary>Scans forward for <paramref name="pattern"/>; returns its offset in <see cref="Window"/> with
    /// at least <paramref name="after"/> further bytes held (where the file has them), or -1 at the end.
    /// The search starts at <paramref name="from"/>; offsets before it may be dropped from the window.</summary>
    public async ValueTask<int> FindAsync(byte[] pattern, int after, CancellationToken cancellationToken, int from = 0)
    {
        var searched = Math.Min(from, _length);
        while (true)
        {
            var index = _buffer.AsSpan(searched, _length - searched).IndexOf(pattern);
            if (index >= 0)
            {
                var found = searched + index;
                await FillAsync(found + pattern.Length + after, cancellationToken);
                return found;
            }

            if (_end)
            {
                return -1;
            }

            // Keep the last pattern.Length - 1 bytes: the pattern may straddle two chunks.
            var keep = Math.Min(pattern.Length - 1, _length);
            Array.Copy(_buffer, _length - keep, _buffer, 0, keep);
            _length = keep;
            searched = 0;
            await FillAsync(Math.Min(keep + chunkSize, _buffer.Length), cancellationToken);
            if (_length <= keep && _end)
            {
                return -1;
            }
        }
    }
}
