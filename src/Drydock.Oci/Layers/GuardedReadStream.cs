namespace Drydock.Oci.Layers;

/// <summary>Counts the uncompressed bytes of a layer and stops at the decompression limits.</summary>
internal sealed class GuardedReadStream(Stream inner, HashingReadStream compressed, LayerLimits limits, string layer) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Account(read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Account(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Account(int read)
    {
        BytesRead += read;
        if (BytesRead > limits.MaxUncompressedBytes)
        {
            throw new LayerException(
                $"Layer {layer} expands past {limits.MaxUncompressedBytes} bytes, the decompression limit; " +
                "the scan stopped. If the layer is genuine, raise the maximum uncompressed layer size.");
        }

        if (BytesRead > limits.RatioCheckAfterBytes && compressed.BytesRead > 0
            && (double)BytesRead / compressed.BytesRead > limits.MaxRatio)
        {
            throw new LayerException(
                $"Layer {layer} expands more than {limits.MaxRatio}:1 ({BytesRead} bytes from {compressed.BytesRead}), " +
                "which looks like a decompression bomb; the scan stopped. If the layer is genuine, raise the maximum ratio.");
        }
    }
}
