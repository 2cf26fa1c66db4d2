using System.Text;

namespace Drydock.Testing;

/// <summary>
/// A forward-only stream of <c>length</c> bytes repeating a pattern, made on the fly, that counts what
/// was read from it: hostile inputs of hundreds of megabytes cost no memory, and a test can assert how
/// much of one a reader consumed before it stopped.
/// </summary>
public sealed class PatternStream(string pattern, long length) : Stream
{
    private readonly byte[] _pattern = Encoding.UTF8.GetBytes(pattern);

    /// <summary>The bytes handed out so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - BytesRead);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = _pattern[(int)((BytesRead + i) % _pattern.Length)];
        }

        BytesRead += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
