namespace Drydock.Ecosystems.Binaries;

/// <summary>
/// A bounded window over a forward-only stream for finding byte patterns in large files (binaries):
/// memory stays at about two chunks whatever the file size.
/// </summary>
internal sealed class ForwardScanner(Stream stream, int chunkSize)
{
    // Small at first: most candidates are not executables and are left after their first bytes.
    private byte[] _buffer = new byte[4096];
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

    /// <summary>True once the stream is exhausted.</summary>
    public bool AtEnd => _end;

    /// <summary>Drops the bytes before <paramref name="keepFrom"/> and reads about one more chunk after
    /// the kept ones; false when the stream had nothing more.</summary>
    public async ValueTask<bool> AdvanceAsync(int keepFrom, CancellationToken cancellationToken)
    {
        var keep = _length - keepFrom;
        Array.Copy(_buffer, keepFrom, _buffer, 0, keep);
        _length = keep;
        if (_buffer.Length < keep + chunkSize)
        {
            Array.Resize(ref _buffer, keep + chunkSize);
        }

        var before = _length;
        await FillAsync(keep + chunkSize, cancellationToken);
        return _length > before;
    }
}
